# Every command and format on the shipped catalog and on examples/rules, byte for byte against
# tests/golden/expected/ (tests/golden/cases.txt lists the commands). After a deliberate change
# of output, regenerate with `python3 tests/golden/check_golden.py build/cli/onething . --update`
# and review the diff.
add_test(NAME cli.golden
  COMMAND ${ONETHING_SCHEMA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check_golden.py
          $<TARGET_FILE:onething_cli> ${PROJECT_SOURCE_DIR})
