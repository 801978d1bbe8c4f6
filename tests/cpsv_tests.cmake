# CPSV-AP 3 JSON-LD (docs/cpsv-ap.md): the export of a small catalog byte for byte, import's
# located errors, Debian's python3-rdflib reading the shipped catalog's export, and
# export -> import -> export giving the same bytes.
set(_cpsv_data ${CMAKE_CURRENT_SOURCE_DIR}/data/cpsv)

onething_cli_test(export.cpsv_ap.small 0 DIR ${_cpsv_data}
  STDOUT ${_cpsv_data}/small.jsonld ARGS export small --format cpsv-ap)
onething_cli_test(export.cpsv_ap.default_format 0 DIR ${_cpsv_data}
  STDOUT ${_cpsv_data}/small.jsonld ARGS export small)
onething_cli_test(export.unknown_format 2 DIR ${_cpsv_data} ARGS export small --format rdf)

file(GLOB _cpsv_import_cases RELATIVE ${_cpsv_data}/import CONFIGURE_DEPENDS
  ${_cpsv_data}/import/*.jsonld)
foreach(case IN LISTS _cpsv_import_cases)
  string(REGEX REPLACE "\\.jsonld$" "" stem ${case})
  onething_cli_test(import.cpsv_ap.${stem} 2 DIR ${_cpsv_data}/import
    STDERR ${_cpsv_data}/import/${stem}.expected
    ARGS import --format cpsv-ap ${case} -o ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-errors)
endforeach()
onething_cli_test(import.cpsv_ap.missing_file 2 DIR ${_cpsv_data}
  ARGS import --format cpsv-ap no-such.jsonld -o ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-errors)
# A file where the output folder's parent should be: nothing is written.
onething_cli_test(import.cpsv_ap.unwritable 2 DIR ${_cpsv_data}
  ARGS import --format cpsv-ap small.jsonld -o small.jsonld/skeleton)

set(ONETHING_RDF_PYTHON /usr/bin/python3 CACHE FILEPATH
  "Python with rdflib (Debian python3-rdflib) for the CPSV-AP tests")
execute_process(COMMAND ${ONETHING_RDF_PYTHON} -c "import rdflib"
  RESULT_VARIABLE _cpsv_python_status OUTPUT_QUIET ERROR_QUIET)
if(NOT _cpsv_python_status EQUAL 0)
  message(STATUS "CPSV-AP rdflib tests skipped: ${ONETHING_RDF_PYTHON} lacks rdflib")
  return()
endif()
set(_cpsv_script ${CMAKE_CURRENT_SOURCE_DIR}/cpsv/check_cpsv_ap.py)
add_test(NAME cpsv_ap.rdflib.shipped
  COMMAND ${ONETHING_RDF_PYTHON} ${_cpsv_script} rdf $<TARGET_FILE:onething_cli>)
add_test(NAME cpsv_ap.rdflib.small
  COMMAND ${ONETHING_RDF_PYTHON} ${_cpsv_script} rdf $<TARGET_FILE:onething_cli>
          ${_cpsv_data}/small)
add_test(NAME cpsv_ap.round_trip.shipped
  COMMAND ${ONETHING_RDF_PYTHON} ${_cpsv_script} round-trip $<TARGET_FILE:onething_cli>
          ${CMAKE_CURRENT_BINARY_DIR}/cpsv-round-trip-shipped)
add_test(NAME cpsv_ap.round_trip.small
  COMMAND ${ONETHING_RDF_PYTHON} ${_cpsv_script} round-trip $<TARGET_FILE:onething_cli>
          ${CMAKE_CURRENT_BINARY_DIR}/cpsv-round-trip-small ${_cpsv_data}/small
          --skeleton ${_cpsv_data}/small.skeleton.yaml)
# import never writes over its own input (a JSON-LD document named *.yaml in the output folder).
onething_shell_test(import.cpsv_ap.over_input
  "it is the input of this command[^\n]*\\[unwritable\\]\nexit=2\nunchanged"
  "rm -rf \"$2\" && mkdir -p \"$2\" && cp \"$1\" \"$2/x.yaml\" && \"$0\" import \"$2/x.yaml\" -o \"$2\"; echo exit=$?; cmp \"$1\" \"$2/x.yaml\" && echo unchanged"
  ${_cpsv_data}/small.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-over-input)
# A valid catalog whose cycle a need's `when` keeps open (conditional-cycle/rules.yaml) lints and
# exports; the export cannot carry the `when`, so the skeleton has the cycle: import warns of it at
# the document's pointer, still writes the skeleton (as conditional-cycle.skeleton.yaml), exit 0,
# and lint refuses the skeleton until it is mended. A service requiring itself is still refused
# (import/self-prerequisite.jsonld).
onething_shell_test(import.cpsv_ap.conditional_cycle
  "^lint=0\nexport=0\ncc.jsonld: warning: /@graph/1/dct:requires/0: the rule file written from this will not pass lint until it is mended: dependency cycle: a -> b -> a \\[cycle\\] at cc.yaml:14:15; restore the `when` the document cannot carry on one of these needs, or drop one \\[cpsv-ap\\]\nimport=0\nsame\n[^\n]*dependency cycle: a -> b -> a[^\n]*\\[cycle\\]\nlint=1\n$"
  "rm -rf \"$3\" && mkdir -p \"$3\" && cd \"$3\" && \"$0\" lint \"$1\" >/dev/null; echo lint=$?; \"$0\" export \"$1\" > cc.jsonld; echo export=$?; \"$0\" import cc.jsonld -o out 2>&1; echo import=$?; cmp out/cc.yaml \"$2\" && echo same; \"$0\" lint out > lint.txt 2>&1; s=$?; grep cycle lint.txt; echo lint=$s"
  ${_cpsv_data}/conditional-cycle ${_cpsv_data}/conditional-cycle.skeleton.yaml
  ${CMAKE_CURRENT_BINARY_DIR}/cpsv-conditional-cycle)
# import writes over no file: a second import into the same folder is refused (exit 2) and
# leaves the skeleton as it was (finished by hand, perhaps); --force writes over it.
onething_shell_test(import.cpsv_ap.no_overwrite
  "^first=0\n[^\n]*small.yaml' exists \\(a skeleton finished by hand, perhaps\\): import writes over no file; name another folder \\(-o\\), move it away, or pass --force to write over it \\[unwritable\\]\nagain=2\nkept\nforced=0\nwritten\n$"
  "rm -rf \"$2\" && mkdir -p \"$2\" && cd \"$2\" && \"$0\" import \"$1\" -o out; echo first=$?; echo '# finished by hand' >> out/small.yaml; \"$0\" import \"$1\" -o out 2>&1; echo again=$?; grep -q 'finished by hand' out/small.yaml && echo kept; \"$0\" import \"$1\" -o out --force; echo forced=$?; grep -q 'finished by hand' out/small.yaml || echo written"
  ${_cpsv_data}/small.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-no-overwrite)
# Language tags ignore case (BCP 47): a document's `EN` and `Zh` are written as the rule format
# asks, `en` and `zh`, in the same skeleton as from the document in lower case.
onething_shell_test(import.cpsv_ap.language_case
  "^imported=0\nimported=0\nsame\n$"
  "rm -rf \"$2\" && mkdir -p \"$2/a\" \"$2/b\" && cp \"$1\" \"$2/a/small.jsonld\" && sed 's/\"@language\": \"en\"/\"@language\": \"EN\"/; s/\"@language\": \"zh\"/\"@language\": \"Zh\"/' \"$1\" > \"$2/b/small.jsonld\" && cd \"$2\" && for d in a b; do (cd $d && \"$0\" import small.jsonld -o out); echo imported=$?; done; grep -q EN b/small.jsonld && cmp a/out/small.yaml b/out/small.yaml && echo same"
  ${_cpsv_data}/small.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-language-case)
# A duration of 50,000 digits is refused as past any number of days (a recursive regular
# expression once ran out of stack on it): exit 2, the value quoted by its start.
onething_shell_test(import.cpsv_ap.long_duration
  "/@graph/0/cv:processingTime/@value: 'P1111[^\n]*' \\(50002 bytes\\) is a duration past[^\n]*\\[cpsv-ap\\]\nexit=2"
  "d=$(printf '%050000d' 0 | tr 0 1)D; sed \"s/P1M/P$d/\" \"$1\" > \"$2\" && \"$0\" import \"$2\" -o \"$3\"; echo exit=$?"
  ${_cpsv_data}/import/bad-duration.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-long-duration.jsonld
  ${CMAKE_CURRENT_BINARY_DIR}/cpsv-long-duration)
# The nesting depth is held to --max-depth (default 64) as every reader's is: the export nests 5
# levels deep, so it imports at --max-depth 5 and is refused at 4, located at the first
# container too deep; under the default, 64 levels pass the limit (and the array is then not a
# node) and 65 are refused, exit 2.
onething_cli_test(import.cpsv_ap.depth_at_limit 0 DIR ${_cpsv_data}
  ARGS import small.jsonld --max-depth 5 --force -o ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-depth)
onething_cli_test(import.cpsv_ap.depth_over_limit 2 DIR ${_cpsv_data}
  STDERR ${_cpsv_data}/depth-4.expected
  ARGS import small.jsonld --max-depth 4 -o ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-depth)
onething_shell_test(import.cpsv_ap.depth_default
  "d64.jsonld: error: /@graph/0: expected a node object \\[cpsv-ap\\]\nexit=2\nd65.jsonld:1:91: error: nesting depth 65 is more than the limit of 64 \\(max_depth\\)[^\n]*\\[limit-depth\\]\nexit=2"
  "mkdir -p \"$1\" && cd \"$1\" && for n in 63 64; do printf '{\"@context\": {}, \"@graph\": ' > d$((n+1)).jsonld; for i in $(seq $n); do printf '['; done >> d$((n+1)).jsonld; for i in $(seq $n); do printf ']'; done >> d$((n+1)).jsonld; echo '}' >> d$((n+1)).jsonld; \"$0\" import d$((n+1)).jsonld -o out; echo exit=$?; done 2>&1"
  ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-depth-default)
# The document is held to --max-file-bytes as every input is: its exact size imports, one byte
# less is limit-file-size at the file, exit 2.
onething_shell_test(import.cpsv_ap.file_size
  "^exit=0\nsmall.jsonld:1:1: error: file is [0-9]+ bytes, more than the limit of [0-9]+ \\(max_file_bytes\\) \\[limit-file-size\\]\nexit=2\n$"
  "rm -rf \"$2\" && cd \"$1\" && n=$(wc -c < small.jsonld) && \"$0\" import small.jsonld --max-file-bytes $n -o \"$2\"; echo exit=$?; \"$0\" import small.jsonld --max-file-bytes $((n-1)) -o \"$2\" 2>&1; echo exit=$?"
  ${_cpsv_data} ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-size)
# duration_days is at most 1000000 (the loader's bound): P1000000D imports and the skeleton lints;
# one second more is refused (import/duration-over-bound.jsonld).
onething_shell_test(import.cpsv_ap.duration_at_bound
  "^exit=0\nok: 0 bundles, 1 item, 0 tests\n$"
  "rm -rf \"$2\" && mkdir -p \"$2\" && sed 's/P1000000DT1S/P1000000D/' \"$1\" > \"$2/at-bound.jsonld\" && \"$0\" import \"$2/at-bound.jsonld\" -o \"$2/rules\"; echo exit=$?; \"$0\" lint \"$2/rules\""
  ${_cpsv_data}/import/duration-over-bound.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-duration-at-bound)
# An output folder that cannot be created (a file is there) is an error naming it, exit 2.
onething_shell_test(import.cpsv_ap.output_is_file
  "cpsv-import-a-file: error: cannot create the folder '[^']*cpsv-import-a-file': [^\n]*\\[unwritable\\]\nexit=2"
  "touch \"$2\" && \"$0\" import \"$1\" -o \"$2\"; echo exit=$?"
  ${_cpsv_data}/small.jsonld ${CMAKE_CURRENT_BINARY_DIR}/cpsv-import-a-file)
