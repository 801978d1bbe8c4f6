# Runs one command twice and fails unless both runs exit 0 with byte-identical stdout.
#   -DCOMMAND="prog|arg|..." -DWORKING_DIRECTORY=dir
string(REPLACE "|" ";" COMMAND "${COMMAND}")
foreach(run 1 2)
  execute_process(COMMAND ${COMMAND} WORKING_DIRECTORY ${WORKING_DIRECTORY}
    RESULT_VARIABLE status OUTPUT_VARIABLE out_${run} ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "run ${run} exited ${status}\n${err}")
  endif()
endforeach()
if(NOT out_1 STREQUAL out_2)
  message(FATAL_ERROR "the two runs differ")
endif()
string(LENGTH "${out_1}" length)
if(length EQUAL 0)
  message(FATAL_ERROR "no output")
endif()
