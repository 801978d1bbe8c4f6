# `onething test --coverage`, `--min-coverage` and `--format junit` (docs/testing.md) on the
# small catalog of tests/data/coverage, whose 22 points are counted by hand in its comments and in
# tests/coverage_test.cpp: the exact outputs, the minimum just at and just above the figure
# (63.6%), the usage errors, and the JUnit XML of the shipped catalog and of failing cases read
# back with Python's XML parser (tests/check_junit.py).
set(_coverage ${_data}/coverage)
onething_cli_test(test.coverage_text 0 DIR ${_coverage} STDOUT ${_coverage}/coverage.expected
  ARGS test catalog.yaml --coverage)
onething_cli_test(test.coverage_json 0 DIR ${_coverage} STDOUT ${_coverage}/coverage.json.expected
  ARGS test catalog.yaml --coverage --format json)
onething_cli_test(test.min_coverage_met 0 DIR ${_coverage} STDERR ${_coverage}/min_met.expected
  ARGS test catalog.yaml --min-coverage 63)
onething_cli_test(test.min_coverage_exact 0 DIR ${_coverage} ARGS test catalog.yaml --min-coverage 63.6)
onething_cli_test(test.min_coverage_below 1 DIR ${_coverage} STDERR ${_coverage}/min_below.expected
  ARGS test catalog.yaml --min-coverage 64)
onething_cli_test(test.min_coverage_out_of_range 2 DIR ${_coverage}
  ARGS test catalog.yaml --min-coverage 101)
onething_cli_test(test.coverage_junit_refused 2 DIR ${_coverage}
  STDERR ${_coverage}/coverage_junit.expected ARGS test catalog.yaml --coverage --format junit)
onething_cli_test(test.junit_passing 0 DIR ${_coverage} STDOUT ${_coverage}/passing.junit.expected
  ARGS test catalog.yaml --format junit)
onething_cli_test(test.junit_failing 1 DIR ${_coverage} STDOUT ${_coverage}/failing.junit.expected
  ARGS test catalog.yaml failing.yaml --format junit)
# A JUnit run gated on coverage: the XML on standard output, the verdict on standard error.
onething_cli_test(test.junit_min_coverage 1 DIR ${_coverage} STDERR ${_coverage}/min_below.expected
  ARGS test catalog.yaml --format junit --min-coverage 64)
add_test(NAME cli.test.junit_parsed
  COMMAND ${ONETHING_SCHEMA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_junit.py
          $<TARGET_FILE:onething_cli> ${PROJECT_SOURCE_DIR})
