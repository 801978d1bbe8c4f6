# `onething schema`: the rule format's JSON Schema (and the overlay file's), checked by a real
# draft 2020-12 validator
# (Debian's python3-jsonschema): every shipped and example rule file must pass, and files with
# one mistake each (tests/data/schema/*.yaml other than format-1.1.yaml) must fail.
# ONETHING_SCHEMA_PYTHON and _form_python_status come from form_tests.cmake.
# It reads no rules: a path is a usage error.
onething_cli_test(schema.takes_no_paths 2 ARGS schema rules)
if(NOT _form_python_status EQUAL 0)
  message(STATUS "rule schema tests skipped: ${ONETHING_SCHEMA_PYTHON} lacks jsonschema or yaml")
  return()
endif()

set(_schema_data ${CMAKE_CURRENT_SOURCE_DIR}/data/schema)
file(GLOB _schema_broken CONFIGURE_DEPENDS ${_schema_data}/*.yaml)
list(REMOVE_ITEM _schema_broken ${_schema_data}/format-1.1.yaml)
list(SORT _schema_broken)
set(_schema_args
  --valid ${PROJECT_SOURCE_DIR}/rules --valid ${PROJECT_SOURCE_DIR}/examples/rules
  --valid ${CMAKE_CURRENT_SOURCE_DIR}/data/plan --valid ${CMAKE_CURRENT_SOURCE_DIR}/data/form/rules
  --valid ${CMAKE_CURRENT_SOURCE_DIR}/data/expect
  --valid ${_schema_data}/format-1.1.yaml)
foreach(file IN LISTS _schema_broken)
  list(APPEND _schema_args --invalid ${file})
endforeach()
# Overlays that give part of a fact, field or bundle are not rule files of their own.
set(_overlay_data ${CMAKE_CURRENT_SOURCE_DIR}/data/overlay)
list(APPEND _schema_args --invalid ${_overlay_data}/partial-definitions.yaml
  --invalid ${_overlay_data}/second.yaml)
add_test(NAME schema.rule_files
  COMMAND ${ONETHING_SCHEMA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/schema/validate_rules.py
          ${_schema_args} -- $<TARGET_FILE:onething_cli> schema)

# `onething schema --format overlay`: every overlay passes (partial definitions included), so
# does every rule file (an overlay may add whole definitions), and the overlay with one mistake
# of each kind fails.
add_test(NAME schema.overlay_files
  COMMAND ${ONETHING_SCHEMA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/schema/validate_rules.py
          --valid ${PROJECT_SOURCE_DIR}/rules --valid ${PROJECT_SOURCE_DIR}/examples/overlays
          --valid ${_overlay_data}/first.yaml --valid ${_overlay_data}/second.yaml
          --valid ${_overlay_data}/partial-definitions.yaml
          --invalid ${_overlay_data}/bad.yaml
          -- $<TARGET_FILE:onething_cli> schema --format overlay)
