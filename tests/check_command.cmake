# Runs one command and checks its exit status and, when given, its exact stderr or stdout.
#   -DCOMMAND="prog|arg|..." -DWORKING_DIRECTORY=dir -DEXPECT_EXIT=n
#   [-DEXPECT_STDERR=file] [-DEXPECT_STDOUT=file] [-DSTDOUT_CONTAINS=text]
string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(
  COMMAND ${COMMAND}
  WORKING_DIRECTORY ${WORKING_DIRECTORY}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT status STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_STDERR)
  file(READ ${EXPECT_STDERR} expected)
  if(NOT err STREQUAL expected)
    message(FATAL_ERROR "stderr differs from ${EXPECT_STDERR}\n--- got:\n${err}--- expected:\n${expected}")
  endif()
endif()
if(DEFINED EXPECT_STDOUT)
  file(READ ${EXPECT_STDOUT} expected)
  if(NOT out STREQUAL expected)
    message(FATAL_ERROR "stdout differs from ${EXPECT_STDOUT}\n--- got:\n${out}--- expected:\n${expected}")
  endif()
endif()
if(DEFINED STDOUT_CONTAINS)
  string(FIND "${out}" "${STDOUT_CONTAINS}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "stdout lacks '${STDOUT_CONTAINS}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endif()
