# The Python module's tests (tests/python/, pytest): one ctest per file, run by the module's
# interpreter with PYTHONPATH=<build>/python, against this build's command line.
if(NOT ONETHING_PYTHON_MODULE)
  return()
endif()
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import pytest, pandas, numpy"
  RESULT_VARIABLE _onething_pytest_missing OUTPUT_QUIET ERROR_QUIET)
if(_onething_pytest_missing)
  message(STATUS "Python module tests: skipped (pytest, pandas or numpy missing; Debian: "
                 "python3-pytest python3-pandas)")
  return()
endif()
# In a ThreadSanitizer build the interpreter (not instrumented) loads the runtime first
# (cmake/python.cmake).
set(_python_preload "")
set(_python_timeout 300)
if(ONETHING_PYTHON_PRELOAD)
  set(_python_preload "LD_PRELOAD=${ONETHING_PYTHON_PRELOAD};")
  set(_python_timeout 1200)  # test_catalog.py takes about 7 minutes under ThreadSanitizer
endif()
# A library the bulk test preloads into a child interpreter to refuse threads as a process limit
# does (tests/python/thread_refusal.c).
enable_language(C)
add_library(onething_thread_refusal MODULE ${CMAKE_CURRENT_SOURCE_DIR}/python/thread_refusal.c)
target_link_libraries(onething_thread_refusal PRIVATE ${CMAKE_DL_LIBS})
foreach(_name catalog bulk population dask)
  add_test(NAME python.${_name}
    COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider
            ${CMAKE_CURRENT_SOURCE_DIR}/python/test_${_name}.py
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/python)
  set_tests_properties(python.${_name} PROPERTIES
    ENVIRONMENT "${_python_preload}PYTHONPATH=${ONETHING_PYTHON_DIR};PYTHONDONTWRITEBYTECODE=1;ONETHING_CLI=$<TARGET_FILE:onething_cli>;ONETHING_SOURCE_DIR=${PROJECT_SOURCE_DIR};ONETHING_THREAD_REFUSAL=$<TARGET_FILE:onething_thread_refusal>;MPLBACKEND=Agg"
    TIMEOUT ${_python_timeout})
endforeach()

# The example of a population run (examples/python/population.py), small.
add_test(NAME python.example_population
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/examples/python/population.py
          ${PROJECT_SOURCE_DIR}/rules --applicants 2000
          --plot ${CMAKE_CURRENT_BINARY_DIR}/population-example.png)
set_tests_properties(python.example_population PROPERTIES
  ENVIRONMENT "${_python_preload}PYTHONPATH=${ONETHING_PYTHON_DIR};PYTHONDONTWRITEBYTECODE=1;MPLBACKEND=Agg"
  PASS_REGULAR_EXPRESSION "2000 applicants planned by both.*after_materials.*wrote"
  TIMEOUT 120)
