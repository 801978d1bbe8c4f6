# Hard limits, strict input and failure modes through the command line (docs/limits.md).
# Each limit is tried on a file at exactly the limit (accepted, exit 0) and one unit over it
# (refused, exit 1, exact located diagnostic in tests/data/limits/NAME.expected). The files
# are fixed, so "one over" is the same file with the limit set one lower.
set(_limits ${CMAKE_CURRENT_SOURCE_DIR}/data/limits)
set(_encoding ${CMAKE_CURRENT_SOURCE_DIR}/data/encoding)

# onething_limit_test(NAME OPTION AT PATH): PATH passes with OPTION AT and fails with AT-1.
function(onething_limit_test name option at path)
  math(EXPR over "${at} - 1")
  onething_cli_test(limits.${name}.at_limit 0 DIR ${_limits} CONTAINS "ok:"
    ARGS lint ${option} ${at} ${path})
  onething_cli_test(limits.${name}.over_limit 1 DIR ${_limits} STDERR ${_limits}/${name}.expected
    ARGS lint ${option} ${over} ${path})
endfunction()

# catalog.yaml: 552 bytes, 57 nodes, depth 5, 9 nodes from its alias, a 49-byte `when` of
# depth 5, 6 definitions. split/: 3 files, 258 bytes.
onething_limit_test(file_bytes --max-file-bytes 552 catalog.yaml)
onething_limit_test(nodes --max-nodes 57 catalog.yaml)
onething_limit_test(depth --max-depth 5 catalog.yaml)
onething_limit_test(alias_nodes --max-alias-nodes 9 catalog.yaml)
onething_limit_test(expression_length --max-expression-length 49 catalog.yaml)
onething_limit_test(expression_depth --max-expression-depth 5 catalog.yaml)
onething_limit_test(definitions --max-definitions 6 catalog.yaml)
onething_limit_test(files --max-files 3 split)
onething_limit_test(catalog_bytes --max-catalog-bytes 258 split)

# The condition parser's own bound (1,000 levels) is named as the engine's, not as the option's
# that was raised past it.
onething_cli_test(limits.expression_engine_depth 1 DIR ${_limits}
  STDERR ${_limits}/expression_engine_depth.expected
  ARGS lint --max-expression-depth 5000 expression_engine_depth.yaml)
# yaml-cpp's own recursion guard (about 500 levels) is a located limit error too.
onething_cli_test(limits.parser_depth 1 DIR ${_limits} STDERR ${_limits}/parser_depth.expected
  ARGS lint --max-depth 100000 parser_depth.yaml)

# Facts files: the file-size limit, then bad content; --fact assignments.
onething_cli_test(limits.facts_file_bytes.at_limit 0 DIR ${_limits} CONTAINS "bundle move"
  ARGS plan catalog.yaml -b move --max-file-bytes 601 --facts facts_big.yaml --lang en)
onething_cli_test(limits.facts_file_bytes.over_limit 2 DIR ${_limits}
  STDERR ${_limits}/facts_file_bytes.expected
  ARGS plan catalog.yaml -b move --max-file-bytes 600 --facts facts_big.yaml)
onething_cli_test(facts.bad_values 2 DIR ${_limits} STDERR ${_limits}/facts_bad_values.expected
  ARGS plan catalog.yaml -b move --facts facts_bad_values.yaml)
# max_input_errors: facts_bad_values.yaml has 4 errors: at 4 all are listed, at 3 the fourth is
# counted in a limit-errors error.
onething_cli_test(limits.input_errors.at_limit 2 DIR ${_limits}
  STDERR ${_limits}/facts_bad_values.expected
  ARGS plan catalog.yaml -b move --max-input-errors 4 --facts facts_bad_values.yaml)
onething_cli_test(limits.input_errors.over_limit 2 DIR ${_limits}
  STDERR ${_limits}/input_errors.expected
  ARGS plan catalog.yaml -b move --max-input-errors 3 --facts facts_bad_values.yaml)
# Rule files list every error (three here), whatever the limit.
onething_cli_test(limits.input_errors.rule_files 1 DIR ${_limits}
  STDERR ${_limits}/rule_errors.expected
  ARGS lint --max-input-errors 0 rule_errors.yaml)
onething_cli_test(facts.syntax 2 DIR ${_limits} STDERR ${_limits}/facts_syntax.expected
  ARGS plan catalog.yaml -b move --facts facts_syntax.yaml)
onething_cli_test(facts.not_mapping 2 DIR ${_limits} STDERR ${_limits}/facts_not_mapping.expected
  ARGS plan catalog.yaml -b move --facts facts_not_mapping.yaml)
onething_cli_test(facts.bad_encoding 2 DIR ${_encoding} STDERR ${_encoding}/facts_bad.expected
  ARGS plan ${_limits}/catalog.yaml -b move --facts facts_bad.yaml)
onething_cli_test(facts.nul 2 DIR ${_encoding} STDERR ${_encoding}/facts_nul.expected
  ARGS plan ${_limits}/catalog.yaml -b move --facts facts_nul.yaml)
onething_cli_test(facts.missing_file 2 DIR ${_limits} ARGS plan catalog.yaml -b move --facts no/such.yaml)
onething_cli_test(facts.directory 2 DIR ${_limits} ARGS plan catalog.yaml -b move --facts split)
# A value that does not fit its fact, an unknown fact, and an assignment without `=` or without
# an id are all bad input: exit status 2, as for a usage error.
foreach(bad "person.local=yes" "person.age=010" "person.age=0x10" "person.age=1e3"
            "person.age=99999999999999999999" "person.nope=1" "person.local" "=1")
  string(MAKE_C_IDENTIFIER "${bad}" stem)
  onething_cli_test(facts.assignment.${stem} 2 DIR ${_limits}
    ARGS plan catalog.yaml -b move --facts facts.yaml --fact ${bad})
endforeach()
onething_cli_test(facts.assignment_ok 0 DIR ${_limits} CONTAINS "bundle move"
  ARGS plan catalog.yaml -b move --fact person.local=true --fact person.adult=true --lang en)
onething_cli_test(facts.assignment_twice 2 DIR ${_limits}
  STDERR ${_limits}/facts_assignment_twice.expected
  ARGS plan catalog.yaml -b move --facts facts.yaml --fact person.local=true
       --fact person.adult=true --fact person.local=false)

# Strict UTF-8: every kind of bad input is refused at its first bad byte (NAME.expected).
file(GLOB _encoding_cases RELATIVE ${_encoding} CONFIGURE_DEPENDS ${_encoding}/*.yaml)
foreach(case IN LISTS _encoding_cases)
  string(REGEX REPLACE "\\.yaml$" "" stem ${case})
  if(stem MATCHES "^ok_")
    onething_cli_test(encoding.${stem} 0 DIR ${_encoding} CONTAINS "ok:" ARGS lint ${case})
  elseif(NOT stem MATCHES "^facts_")
    onething_cli_test(encoding.${stem} 1 DIR ${_encoding} STDERR ${_encoding}/${stem}.expected
      ARGS lint ${case})
  endif()
endforeach()

# A surrogate-pair escape (JSON's way to write U+20000) is read as the one character it is.
onething_cli_test(encoding.surrogate_pair_plan 0 DIR ${_encoding} CONTAINS "naming：𠀀"
  ARGS plan ok_surrogate_pair.yaml -b naming)

# Failure modes that need a prepared folder or a wrapper (tests/data/limits/run_case.cmake).
function(onething_case_test name)
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} -DCASE=${name} -DONETHING=$<TARGET_FILE:onething_cli>
            -DDATA=${_limits} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/limits_work/${name}
            -P ${_limits}/run_case.cmake)
endfunction()
onething_case_test(unreadable)
onething_case_test(output_ok)
onething_case_test(output_missing)
onething_case_test(output_special)
onething_case_test(output_folder)
onething_case_test(output_link)
onething_case_test(output_mode)
onething_case_test(output_input)
onething_case_test(read_special)
onething_case_test(folder_links)
# A FIFO with no writer used to block the read forever.
set_tests_properties(cli.read_special PROPERTIES TIMEOUT 10)
onething_case_test(integer_options)
onething_case_test(json_file_name)
# Address-space caps do not work under the sanitizers (they reserve terabytes of shadow
# memory), nor without prlimit.
# kill -9 in the middle of writing --output leaves the target as it was and no file behind:
# a preloaded write(2) kills the process at its first write to the output (not under the
# sanitizers, whose runtime must come first).
if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  enable_language(C)
  add_library(kill_on_write MODULE ${_limits}/kill_on_write.c)
  target_link_libraries(kill_on_write PRIVATE ${CMAKE_DL_LIBS})
  add_test(NAME cli.output_killed
    COMMAND ${CMAKE_COMMAND} -DCASE=output_killed -DONETHING=$<TARGET_FILE:onething_cli>
            -DDATA=${_limits} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/limits_work/output_killed
            -DPRELOAD=$<TARGET_FILE:kill_on_write> -P ${_limits}/run_case.cmake)
endif()
find_program(ONETHING_PRLIMIT prlimit)
if(ONETHING_PRLIMIT AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  onething_case_test(memory)
endif()

# --lang outside the catalog's languages warns on stderr (and still answers); a language the
# catalog is written in, or a catalog whose texts carry no language tag, gives no warning.
onething_cli_test(lang.outside_catalog 0 DIR ${_limits} STDERR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang/fr.expected
  ARGS plan catalog.yaml -b move --fact person.local=true --fact person.adult=true --lang fr)
onething_cli_test(lang.in_catalog 0 DIR ${_limits} STDERR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang/none.expected
  ARGS plan catalog.yaml -b move --fact person.local=true --fact person.adult=true --lang en)
# test names ids and export writes every language: neither warns about the default 'zh' on a
# catalog written in English (neither has --lang to silence it).
onething_cli_test(lang.test_no_warning 0 DIR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang
  STDERR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang/none.expected ARGS test english.yaml)
onething_cli_test(lang.export_no_warning 0 DIR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang
  STDERR ${CMAKE_CURRENT_SOURCE_DIR}/data/lang/none.expected ARGS export english.yaml)
