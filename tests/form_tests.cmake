# The merged form: `onething form` schemas checked by a real JSON Schema 2020-12 validator
# (Debian's python3-jsonschema), answers that must pass and fail, `onething dispatch` payloads
# and diagnostics. The small catalog in data/form/rules narrows the same fields in three items.
set(_form_data ${CMAKE_CURRENT_SOURCE_DIR}/data/form)
set(_form_expected ${_form_data}/expected)
set(_form_script ${CMAKE_CURRENT_SOURCE_DIR}/form/validate_schema.py)
# ajv 8 from npm, pinned by package-lock.json; installed by `npm ci --prefix tests/form/ajv`
# (scripts/install-deps.sh).
set(_form_ajv ${CMAKE_CURRENT_SOURCE_DIR}/form/ajv)

# Exact outputs of the test catalog (onething_cli_test comes from cli_tests.cmake).
onething_cli_test(form.open_shop_schema 0 DIR ${_form_data}
  STDOUT ${_form_expected}/open-shop.schema.json ARGS form rules --bundle open-shop --lang en)
foreach(bundle conflict-age conflict-kind conflict-length conflict-two)
  onething_cli_test(form.${bundle} 1 DIR ${_form_data}
    STDERR ${_form_expected}/${bundle}.stderr ARGS form rules --bundle ${bundle})
endforeach()
onething_cli_test(dispatch.good_shared 0 DIR ${_form_data}
  STDOUT ${_form_expected}/dispatch-good.json
  ARGS dispatch rules --bundle open-shop --answers answers/good.yaml --shared answers/shared.yaml)
onething_cli_test(dispatch.good_flat 0 DIR ${_form_data}
  STDOUT ${_form_expected}/dispatch-flat.json
  ARGS dispatch rules --bundle open-shop --answers answers/good-flat.json)
# Keyed by department: market_regulation's two items, then tax's one; `--by item` is the default.
onething_cli_test(dispatch.by_department 0 DIR ${_form_data}
  STDOUT ${_form_expected}/dispatch-by-department.json
  ARGS dispatch rules --bundle open-shop --answers answers/good.yaml --shared answers/shared.yaml
       --by department)
onething_cli_test(dispatch.by_item 0 DIR ${_form_data}
  STDOUT ${_form_expected}/dispatch-good.json
  ARGS dispatch rules --bundle open-shop --answers answers/good.yaml --shared answers/shared.yaml
       --by item)
onething_cli_test(dispatch.by_unknown 2 DIR ${_form_data}
  STDERR ${_form_expected}/dispatch-by-unknown.stderr
  ARGS dispatch rules --bundle open-shop --answers answers/good.yaml --by agency)
onething_cli_test(dispatch.bad 2 DIR ${_form_data}
  STDERR ${_form_expected}/dispatch-bad.stderr
  ARGS dispatch rules --bundle open-shop --answers answers/bad.yaml)
onething_cli_test(dispatch.shared_bad 2 DIR ${_form_data}
  STDERR ${_form_expected}/dispatch-shared-bad.stderr
  ARGS dispatch rules --bundle open-shop --answers answers/good.yaml --shared answers/shared-bad.yaml)
# Without the food permit its narrowings are gone: 'service' is a valid kind again.
onething_cli_test(dispatch.plan_decides_form 0 DIR ${_form_data}
  CONTAINS "\"shop.kind\": \"service\""
  ARGS dispatch rules --bundle open-shop --fact shop.sells_food=false --answers answers/bad-kind.json)
onething_cli_test(dispatch.missing_answers_file 2 DIR ${_form_data}
  ARGS dispatch rules --bundle open-shop --answers answers/no-such-file.yaml)
onething_cli_test(dispatch.answers_required 2 DIR ${_form_data} ARGS dispatch rules --bundle open-shop)

# Schemas through a real validator; answers cross-checked with `onething dispatch`.
set(ONETHING_SCHEMA_PYTHON /usr/bin/python3 CACHE FILEPATH
  "Python with jsonschema and yaml (Debian python3-jsonschema, python3-yaml) for the form tests")
execute_process(
  COMMAND ${ONETHING_SCHEMA_PYTHON} -c "import jsonschema, yaml; jsonschema.Draft202012Validator"
  RESULT_VARIABLE _form_python_status OUTPUT_QUIET ERROR_QUIET)
if(NOT _form_python_status EQUAL 0)
  message(STATUS "form schema tests skipped: ${ONETHING_SCHEMA_PYTHON} lacks jsonschema or yaml")
  return()
endif()

# onething_form_schema_test(NAME [VALID file...] [INVALID file...] FORM args...)
function(onething_form_schema_test name)
  cmake_parse_arguments(T "" "" "VALID;INVALID;FORM" ${ARGN})
  set(args)
  foreach(file IN LISTS T_VALID)
    list(APPEND args --valid ${file})
  endforeach()
  foreach(file IN LISTS T_INVALID)
    list(APPEND args --invalid ${file})
  endforeach()
  add_test(NAME form.schema.${name}
    COMMAND ${ONETHING_SCHEMA_PYTHON} ${_form_script} --dispatch ${args}
            -- $<TARGET_FILE:onething_cli> form ${T_FORM}
    WORKING_DIRECTORY ${_form_data})
  # The same form through ajv 8 (Ajv2020, no options): it must compile, and agree with
  # jsonschema on the answers files and on answers generated from the schema. SKIP without node.
  add_test(NAME form.ajv.${name}
    COMMAND ${ONETHING_SCHEMA_PYTHON} ${_form_script} --dispatch --ajv ${_form_ajv} ${args}
            -- $<TARGET_FILE:onething_cli> form ${T_FORM}
    WORKING_DIRECTORY ${_form_data})
  set_tests_properties(form.ajv.${name} PROPERTIES SKIP_RETURN_CODE 77 LABELS ajv)
endfunction()

file(GLOB _form_bad RELATIVE ${_form_data} CONFIGURE_DEPENDS ${_form_data}/answers/bad-*.json)
list(SORT _form_bad)
onething_form_schema_test(open_shop
  VALID answers/good.yaml answers/good-flat.json
  INVALID answers/bad.yaml ${_form_bad}
  FORM rules --bundle open-shop)
onething_form_schema_test(open_shop_en
  VALID answers/good.yaml INVALID answers/bad.yaml
  FORM rules --bundle open-shop --lang en)

# The shipped catalog: every bundle, with the facts its guide asks.
onething_form_schema_test(child_birth
  VALID answers/child-birth-good.yaml INVALID answers/child-birth-bad.json
  FORM --bundle child-birth --fact mother.maternity_insured=true --fact parents.hukou_local=true)
onething_form_schema_test(child_birth_uninsured
  FORM --bundle child-birth --fact mother.maternity_insured=false --fact parents.hukou_local=false)
onething_form_schema_test(citizen_death
  FORM --bundle citizen-death --fact utilities.take_over=true --fact deceased.had_property=true
       --fact deceased.had_vehicle=true --fact deceased.was_pensioner=true)
onething_form_schema_test(employee_retirement FORM --bundle employee-retirement)
onething_form_schema_test(graduate_hukou FORM --bundle graduate-hukou --fact graduate.collective_hukou=false)
onething_form_schema_test(home_transfer
  FORM --bundle home-transfer --fact utilities.take_over=true --fact property.seller_taxes_exempt=false)
onething_form_schema_test(low_rent_housing
  FORM --bundle low-rent-housing --fact low_rent.mode=rent_subsidy --fact household.means_test=needs_check)
onething_form_schema_test(medical_payment
  FORM --bundle medical-payment --fact household.means_test=needs_check
       --fact patient.has_unsettled_expenses=true)
onething_form_schema_test(nev_plate FORM --bundle nev-plate --fact person.hukou_local=true)
onething_form_schema_test(civil_servant_career FORM --bundle civil-servant-career --fact civil_servant.event=recruitment)
onething_form_schema_test(credit_repair FORM --bundle credit-repair --fact credit.record_kind=abnormal_operation)
onething_form_schema_test(disability_support
  FORM --bundle disability-support --fact disability.severe=true --fact household.means_test=recognised)
onething_form_schema_test(enterprise_tax FORM --bundle enterprise-tax)
onething_form_schema_test(foreigner_services FORM --bundle foreigner-services)
onething_form_schema_test(innovation_startup FORM --bundle innovation-startup)
onething_form_schema_test(medical_expense_reimbursement
  FORM --bundle medical-expense-reimbursement --fact patient.has_unsettled_expenses=true
       --fact household.means_test=not_applying)
onething_form_schema_test(military_retirement FORM --bundle military-retirement --fact veteran.placement=self_employment)
onething_form_schema_test(occupational_health FORM --bundle occupational-health)
onething_form_schema_test(residence_permit FORM --bundle residence-permit)
onething_form_schema_test(social_assistance FORM --bundle social-assistance --fact household.means_test=needs_check)

# Field patterns: the table of tests/data/patterns (which the engine accepts, what each matches,
# checked against the engine by pattern_syntax_test.cpp) against Python's re and ECMA-262 in
# Node (the validators a merged form meets). SKIP without node.
add_test(NAME form.patterns.validators
  COMMAND ${ONETHING_SCHEMA_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/form/check_patterns.py
          ${CMAKE_CURRENT_SOURCE_DIR}/data/patterns/agreement.json)
set_tests_properties(form.patterns.validators PROPERTIES SKIP_RETURN_CODE 77 LABELS ajv)
