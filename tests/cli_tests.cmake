# Command-line tests: exit codes, and for every bad rule file in tests/data/lint its exact
# diagnostics (tests/data/lint/NAME.yaml is checked against NAME.expected); a file whose name
# starts with warning_ has warnings only and lints with exit status 0.
set(_check ${CMAKE_CURRENT_SOURCE_DIR}/check_command.cmake)
set(_data ${CMAKE_CURRENT_SOURCE_DIR}/data)

# onething_cli_test(NAME EXIT [STDERR file] [STDOUT file] [CONTAINS text] [DIR dir] ARGS ...)
function(onething_cli_test name exit_status)
  cmake_parse_arguments(T "" "STDERR;STDOUT;CONTAINS;DIR" "ARGS" ${ARGN})
  if(NOT T_DIR)
    set(T_DIR ${_data})
  endif()
  set(extra)
  if(T_STDERR)
    list(APPEND extra -DEXPECT_STDERR=${T_STDERR})
  endif()
  if(T_STDOUT)
    list(APPEND extra -DEXPECT_STDOUT=${T_STDOUT})
  endif()
  if(T_CONTAINS)
    list(APPEND extra "-DSTDOUT_CONTAINS=${T_CONTAINS}")
  endif()
  string(REPLACE ";" "|" command "$<TARGET_FILE:onething_cli>;${T_ARGS}")
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${command}" -DWORKING_DIRECTORY=${T_DIR}
            -DEXPECT_EXIT=${exit_status} ${extra} -P ${_check})
endfunction()

# onething_shell_test(NAME REGEX SCRIPT [ARG...]): `sh -c SCRIPT` with the command line as $0
# and the ARGs as $1, $2, ... (the script runs it, then `echo exit=$?`); passes when what it
# prints matches REGEX. For what a plain run cannot set up: a full or closed standard output,
# a folder made empty, an output file in place first.
function(onething_shell_test name regex script)
  add_test(NAME cli.${name} COMMAND sh -c "${script}" $<TARGET_FILE:onething_cli> ${ARGN})
  set_tests_properties(cli.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
endfunction()

file(GLOB _lint_cases RELATIVE ${_data}/lint CONFIGURE_DEPENDS ${_data}/lint/*.yaml)
foreach(case IN LISTS _lint_cases)
  string(REGEX REPLACE "\\.yaml$" "" stem ${case})
  set(_exit 1)
  if(stem MATCHES "^warning_")
    set(_exit 0)
  endif()
  onething_cli_test(lint.${stem} ${_exit} DIR ${_data}/lint STDERR ${_data}/lint/${stem}.expected ARGS lint ${case})
endforeach()

onething_cli_test(lint.shipped_catalog 0 CONTAINS "ok:" ARGS lint)
# A catalog whose prerequisite cycles only some facts close (tests/data/cycles): it loads, the
# plans whose facts close a cycle fail, and every command that walks the prerequisites ends.
set(_cycles cycles/conditional.yaml)
onething_cli_test(cycles.lint 0 CONTAINS "ok:" ARGS lint ${_cycles})
onething_cli_test(cycles.plan_open 0 CONTAINS "\"id\": \"b\"" ARGS plan ${_cycles} --bundle x --fact p=false --format json)
onething_cli_test(cycles.plan_closed 1 ARGS plan ${_cycles} --bundle x --fact p=true)
onething_cli_test(cycles.test_coverage 0 CONTAINS "2 passed, 0 failed" ARGS test ${_cycles} --coverage)
onething_cli_test(cycles.guide 0 CONTAINS "P?" ARGS guide ${_cycles} --bundle x --lang en)
onething_cli_test(cycles.form 0 ARGS form ${_cycles} --bundle x --fact p=false)
onething_cli_test(cycles.whatif 0 ARGS whatif ${_cycles})
onething_cli_test(cycles.list 0 ARGS list ${_cycles})
set_tests_properties(cli.cycles.lint cli.cycles.plan_open cli.cycles.plan_closed
  cli.cycles.test_coverage cli.cycles.guide cli.cycles.form cli.cycles.whatif cli.cycles.list
  PROPERTIES TIMEOUT 60)
onething_cli_test(usage.serve_as_of 2 ARGS serve --as-of 2019-13-01)
# `--fact` without `=` (or without an id) is a usage error; a value that does not fit the fact is
# the catalog's to judge (invalid-fact, exit status 1).
onething_cli_test(usage.fact_form 2 ARGS plan --bundle child-birth --fact mother.maternity_insured)
onething_cli_test(usage.fact_without_id 2 ARGS plan --bundle child-birth --fact =true)
onething_cli_test(lint.missing_path 2 ARGS lint no/such/path)
onething_cli_test(usage.unknown_option 2 ARGS lint --no-such-option)
onething_cli_test(usage.no_subcommand 2 ARGS)
onething_cli_test(list.shipped_json 0 CONTAINS "\"bundles\"" ARGS list --format json)
onething_cli_test(test.shipped_catalog 0 CONTAINS " passed, 0 failed" ARGS test)
# The 1.1 expectations (choices, critical_path, optimal, questions) in tests/data/expect: cases
# that pass (a case expecting only questions passes on an undecided plan), cases that fail with
# their exact messages located at the expected value, the same as JSON, and `optimal: true`
# failing when the search bound stops the proof.
set(_expect ${_data}/expect)
onething_cli_test(test.expect_passing 0 DIR ${_expect} STDOUT ${_expect}/passing.expected
  ARGS test catalog.yaml passing.yaml)
onething_cli_test(test.expect_failing 1 DIR ${_expect} STDOUT ${_expect}/failing.expected
  ARGS test catalog.yaml failing.yaml)
onething_cli_test(test.expect_failing_json 1 DIR ${_expect} STDOUT ${_expect}/failing.json.expected
  ARGS test catalog.yaml failing.yaml --format json)
onething_cli_test(test.expect_bounded 1 DIR ${_expect} STDOUT ${_expect}/bounded.expected
  ARGS test catalog.yaml passing.yaml --max-search-work 1)

# References to what a file with a syntax error defines say so: the reference may be right.
onething_cli_test(lint.unparsed_file 1 STDERR ${_data}/unparsed.expected ARGS lint unparsed)
# Duplicate ids across files name both places.
onething_cli_test(lint.duplicates_across_files 1 STDERR ${_data}/duplicates.expected ARGS lint duplicates)
onething_cli_test(report.shipped 0 CONTAINS "| child-birth | 22 → 2 | -91% | 7 → 1 | -86% |" ARGS report --format markdown)
# Headings in the language asked for (--lang zh by default), names too.
# A bundle that cannot be planned keeps its row (saying why) and makes report exit 1; standard
# error says so too, for a report written to a file.
onething_cli_test(report.unplannable 1 DIR ${_data}/report STDERR ${_data}/report/unplannable.expected
  ARGS report unplannable.yaml)
# whatif leaves such a row out of every saving (exit 0) and warns that it does.
onething_cli_test(whatif.unplannable 0 DIR ${_data}/report
  STDERR ${_data}/report/whatif_unplannable.expected ARGS whatif unplannable.yaml)
onething_cli_test(report.text_zh 0 CONTAINS "全目录办理前后对比：" ARGS report)
onething_cli_test(report.text_en 0 CONTAINS "Before and after across the catalog: " ARGS report --lang en)
onething_cli_test(report.markdown_zh 0 CONTAINS "| **平均变化** |" ARGS report --format markdown --lang zh)
onething_cli_test(report.markdown_en 0 CONTAINS "| **average change** |" ARGS report --format markdown --lang en)

# Planning the shipped child-birth bundle in every format; each output is byte-identical on a rerun.
set(_birth_facts --bundle child-birth --fact mother.maternity_insured=true --fact parents.hukou_local=true)
onething_cli_test(plan.text 0 CONTAINS "关键路径：health.birth_medical_certificate -> " ARGS plan ${_birth_facts})
onething_cli_test(plan.text_en 0 CONTAINS "critical path: health.birth_medical_certificate -> " ARGS plan ${_birth_facts} --lang en)
onething_cli_test(plan.json 0 CONTAINS "\"critical_path\"" ARGS plan ${_birth_facts} --format json)
onething_cli_test(plan.markdown 0 CONTAINS "| 指标 | 办理前 | 办理后 | 变化 |" ARGS plan ${_birth_facts} --format markdown)
onething_cli_test(plan.markdown_en 0 CONTAINS "| metric | before | after | change |" ARGS plan ${_birth_facts} --format markdown --lang en)
onething_cli_test(plan.dot 0 CONTAINS "digraph" ARGS plan ${_birth_facts} --format dot)
onething_cli_test(plan.mermaid 0 CONTAINS "flowchart LR" ARGS plan ${_birth_facts} --format mermaid)
onething_cli_test(plan.undecided 1 ARGS plan --bundle child-birth)
onething_cli_test(plan.unknown_bundle 2 ARGS plan --bundle child-brith)
onething_cli_test(plan.bad_fact 2 ARGS plan --bundle child-birth --fact mother.maternity_insured=yes)
onething_cli_test(plan.missing_facts_file 2 ARGS plan --bundle child-birth --facts no/such/file.yaml)
# The search bounds: three binary choices are proven optimal by default; with one unit of work
# the search stops after its first plan and says so.
onething_cli_test(plan.search_default 0 CONTAINS "\"optimal\": true" DIR ${_data}/plan ARGS plan choices.yaml --bundle choices --format json)
onething_cli_test(plan.search_work 0 CONTAINS "\"optimal\": false" DIR ${_data}/plan ARGS plan choices.yaml --bundle choices --format json --max-search-work 1)
onething_cli_test(plan.search_nodes 0 CONTAINS "not proven optimal" DIR ${_data}/plan ARGS plan choices.yaml --bundle choices --max-search-nodes 1 --lang en)
onething_cli_test(plan.search_nodes_zh 0 CONTAINS "未证明为最优" DIR ${_data}/plan ARGS plan choices.yaml --bundle choices --max-search-nodes 1)
# An e-licence among the alternatives does not cut a later record whose producer makes more:
# record_c is chosen (it is only among the plan's materials when chosen), and proven optimal.
onething_cli_test(plan.search_elicence_optimal 0 CONTAINS "\"optimal\": true" DIR ${_data}/plan ARGS plan elicence_cut.yaml --bundle b --format json)
onething_cli_test(plan.search_elicence_record 0 CONTAINS "\"material\": \"record_c\"" DIR ${_data}/plan ARGS plan elicence_cut.yaml --bundle b --format json)
# A proof past the default bounds: a note on stderr names --thorough, which proves it; a bound
# given explicitly wins over --thorough.
onething_cli_test(plan.search_note 0 STDERR ${_data}/plan/ties.note.expected DIR ${_data}/plan ARGS plan ties.yaml --bundle ties --format json)
onething_cli_test(plan.search_thorough 0 CONTAINS "\"optimal\": true" DIR ${_data}/plan ARGS plan ties.yaml --bundle ties --format json --thorough)
onething_cli_test(plan.search_thorough_bounded 0 CONTAINS "\"optimal\": false" DIR ${_data}/plan ARGS plan ties.yaml --bundle ties --format json --max-search-work 1 --thorough)
onething_cli_test(guide.child_birth 0 CONTAINS "1. parents.hukou_local" ARGS guide --bundle child-birth)
foreach(format text json markdown dot mermaid)
  string(REPLACE ";" "|" _command "$<TARGET_FILE:onething_cli>;plan;${_birth_facts};--format;${format}")
  add_test(NAME cli.deterministic.${format}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${_command}" -DWORKING_DIRECTORY=${_data}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/check_deterministic.cmake)
endforeach()

# whatif: --top is from 1 up; a top above the number of changes lists and combines them all.
onething_cli_test(whatif.top_zero 2 ARGS whatif whatif/two-bundles.yaml --top 0)
onething_cli_test(whatif.top_not_a_number 2 ARGS whatif whatif/two-bundles.yaml --top many)
onething_cli_test(whatif.top_above_candidates 0 CONTAINS "best 7 changes together"
  ARGS whatif whatif/two-bundles.yaml --top 1000 --lang en)
onething_cli_test(whatif.top_one 0 CONTAINS "  1  make item a.apply online"
  ARGS whatif whatif/two-bundles.yaml --top 1 --lang en)
onething_cli_test(whatif.json 0 CONTAINS "\"kind\": \"online\""
  ARGS whatif whatif/two-bundles.yaml --format json)

# Overlays (docs/overlays.md; the outputs are pinned in tests/golden): an overlay that does not
# exist is a usage error, and -o naming an overlay is refused before anything is written.
set(_overlay ${_data}/overlay)
onething_cli_test(overlay.missing 2 DIR ${_overlay} STDERR ${_overlay}/missing.expected
  ARGS lint ${PROJECT_SOURCE_DIR}/rules --overlay no-such-overlay.yaml)
# An empty path names nothing: as an overlay, the option says so; as a rule path, the loader.
onething_shell_test(overlay.empty_path
  "^--overlay: an empty path names no overlay file; give the path of a rule file to read on top\nRun with --help for more information.\nexit=2\n$"
  "\"$0\" lint \"$1\" --overlay '' 2>&1; echo exit=$?" ${PROJECT_SOURCE_DIR}/rules)
# The unknown facts of `when`s share the load's did-you-mean cap with unknown references: 300
# misspelt facts give 300 errors, 200 of them with a suggestion (each search reads every fact).
onething_shell_test(lint.when_suggestions_capped
  "^errors=300\nsuggestions=200\nexit=1\n$"
  "f=\"$1/when-suggestions.yaml\"; { echo facts:; for i in $(seq 1000 1299); do echo \"  fact$i: {type: bool, question: Q}\"; done; echo items:; for i in $(seq 1000 1299); do echo \"  i$i: {name: I, department: d, when: fakt$i}\"; done; echo 'bundles: {b: {name: B, goals: [i1000]}}'; } > \"$f\"; \"$0\" lint \"$f\" > \"$f.out\" 2>&1; s=$?; echo errors=$(grep -c 'unknown fact' \"$f.out\"); echo suggestions=$(grep -c 'did you mean' \"$f.out\"); echo exit=$s"
  ${CMAKE_CURRENT_BINARY_DIR})
# A value quoted in a usage error is one line of text, its control characters escaped (no
# terminal colours, no forged line), and a long one is cut to its start and length.
onething_shell_test(usage_quotes_input
  "^--as-of: 'x\\\\x1B\\[31m\\\\r\\\\nfake: ok' is not a date[^\n]*\n[^\n]*\nexit=2\n--format: expected one of text, json, markdown, dot, mermaid, html, svg, not 'x\\\\x1B\\[31m\\\\r\\\\nfake: ok'\n[^\n]*\nexit=2\n--fact: 'x\\\\x1B\\[31m\\\\r\\\\nfake: ok' must have the form id=value\n[^\n]*\nexit=2\nunknown command 'x\\\\x1B\\[31m\\\\r\\\\nfake: ok'; the commands are: [^\n]*\n[^\n]*\nexit=2\n--as-of: '0+…' \\(100000 bytes\\) is not a date[^\n]*\n[^\n]*\nexit=2\n--max-depth: expected an integer from 0 to [0-9]+, not '10+…' \\(100001 bytes\\)\n[^\n]*\nexit=2\n$"
  "e=$(printf 'x\\033[31m\\r\\nfake: ok'); n=$(printf '%0100000d' 0); for o in --as-of --format --fact; do \"$0\" plan \"$1\" -b child-birth $o \"$e\" 2>&1; echo exit=$?; done; \"$0\" \"$e\" 2>&1; echo exit=$?; \"$0\" plan \"$1\" -b child-birth --as-of $n 2>&1; echo exit=$?; \"$0\" lint \"$1\" --max-depth 1$n 2>&1; echo exit=$?"
  ${PROJECT_SOURCE_DIR}/rules)
onething_shell_test(paths.empty_path
  "^error: an empty path names no file or folder; give the path of a rule file or folder \\[unreadable\\]\nexit=2\n$"
  "\"$0\" lint '' 2>&1; echo exit=$?")
onething_cli_test(overlay.output_is_overlay 2 DIR ${_overlay}
  STDERR ${_overlay}/output_is_overlay.expected
  ARGS compile ${PROJECT_SOURCE_DIR}/rules --overlay first.yaml -o first.yaml)

# An unknown bundle is located at --bundle, with the nearest id; the interactive guide says the
# same before asking anything.
onething_cli_test(bundle.misspelt 2 STDERR ${_data}/bundle/misspelt.expected
  ARGS plan ${PROJECT_SOURCE_DIR}/rules -b child-brith)
onething_cli_test(bundle.misspelt_interactive 2 STDERR ${_data}/bundle/misspelt.expected
  ARGS guide ${PROJECT_SOURCE_DIR}/rules -b child-brith --interactive)

# lint --max-warnings: two warnings pass at 2 and fail at 1 with too-many-warnings.
onething_cli_test(lint.max_warnings.at 0 DIR ${_data}/lint CONTAINS "ok:"
  ARGS lint warning_bundled_duration.yaml warning_venue_not_in_person.yaml --max-warnings 2)
onething_cli_test(lint.max_warnings.over 1 DIR ${_data}/lint
  STDERR ${_data}/lint_max_warnings/over.expected STDOUT ${_data}/lang/none.expected
  ARGS lint warning_bundled_duration.yaml warning_venue_not_in_person.yaml --max-warnings 1)
onething_cli_test(lint.max_warnings.negative 2 DIR ${_data}/lint
  ARGS lint warning_bundled_duration.yaml --max-warnings -1)

# serve refuses to start on rules with errors (exit status 1, the contract's for rule errors) and
# on a path it cannot read (2), printing the diagnostics.
onething_cli_test(serve.rule_errors 1 DIR ${_data}/lint STDERR ${_data}/lint/unknown_keys.expected
  ARGS serve unknown_keys.yaml --listen 127.0.0.1:0)
onething_cli_test(serve.missing_path 2 ARGS serve no/such/path --listen 127.0.0.1:0)

# --listen takes an IP address and a decimal port from 0 to 65535: anything else is refused
# before the catalog is served (a port of '80abc' used to bind port 80).
onething_shell_test(serve_listen_refused
  "^(--listen: the port must be a decimal integer from 0 to 65535 \\(0: any free port\\), not '(80abc|0x10| 0|\\+0|00|65536)' \\[bad-listen\\]\nexit=2\n){6}--listen: the host must be an IP address \\(127\\.0\\.0\\.1, 0\\.0\\.0\\.0, \\[::1\\]\\), not 'localhost'; names are not looked up \\[bad-listen\\]\nexit=2\n--listen: the host must be an IP address[^\n]*not ''[^\n]*\nexit=2\n--listen: expected HOST:PORT, got '127\\.0\\.0\\.1' \\[bad-listen\\]\nexit=2\n$"
  "for l in 127.0.0.1:80abc 127.0.0.1:0x10 '127.0.0.1: 0' 127.0.0.1:+0 127.0.0.1:00 127.0.0.1:65536 localhost:0 :8080 127.0.0.1; do out=$(\"$0\" serve \"$1\" --listen \"$l\" 2>&1); s=$?; echo \"$out\" | cut -c8-; echo exit=$s; done"
  ${PROJECT_SOURCE_DIR}/rules)

# serve's own options are checked like every numeric option (docs/serving.md): each one past its
# bound (N + 1, or a text strtoull would wrap) is a usage error; all at their bounds, it serves.
onething_shell_test(serve_option_bounds_refused
  "threads: expected an integer from 0 to 1024, not '1025'\n[^\n]*\nexit=2\n--max-body-bytes: expected an integer from 1 to 18446744073709551615, not '-1'\n[^\n]*\nexit=2\n--max-header-bytes: expected an integer from 1 to 65535, not '65536'\n[^\n]*\nexit=2\n--read-timeout: expected an integer from 1 to 86400000, not '86400001'\n[^\n]*\nexit=2\n--idle-timeout: expected an integer from 1 to 86400000, not '0'\n[^\n]*\nexit=2\n--max-connections: expected an integer from 1 to 1000000, not '0x10'\n[^\n]*\nexit=2\n--max-search-nodes: expected an integer from 1 to 9223372036854775807, not '0'\n[^\n]*\nexit=2\n--max-search-work: expected an integer from 1 to 9223372036854775807, not '9223372036854775808'\n[^\n]*\nexit=2"
  "for o in '--threads 1025' '--max-body-bytes -1' '--max-header-bytes 65536' '--read-timeout 86400001' '--idle-timeout 0' '--max-connections 0x10' '--max-search-nodes 0' '--max-search-work 9223372036854775808'; do \"$0\" serve \"$1\" --listen 127.0.0.1:0 $o 2>&1; echo exit=$?; done"
  ${PROJECT_SOURCE_DIR}/rules)
onething_shell_test(serve_option_bounds_accepted "^listening on http://127\\.0\\.0\\.1:[0-9]+\n"
  "f=\"$2\"; : > \"$f\"; \"$0\" serve \"$1\" --listen 127.0.0.1:0 --threads 1024 --max-connections 1000000 --read-timeout 86400000 --idle-timeout 86400000 --max-body-bytes 18446744073709551615 --max-header-bytes 65535 --max-search-nodes 9223372036854775807 --max-search-work 9223372036854775807 2>\"$f\" & p=$!; i=0; while ! grep -q listening \"$f\" && [ $i -lt 400 ]; do sleep 0.1; i=$((i+1)); done; kill $p; wait $p; head -1 \"$f\""
  ${PROJECT_SOURCE_DIR}/rules ${CMAKE_CURRENT_BINARY_DIR}/serve-option-bounds.log)
set_tests_properties(cli.serve_option_bounds_refused cli.serve_option_bounds_accepted
  PROPERTIES TIMEOUT 60)

# A language tag is checked in one pass whatever its length: one of 24,000 characters (an
# explicit key: an implicit one stops at 1,024 bytes) once ran a recursive regular expression
# out of stack.
onething_shell_test(lint.long_language_tag "^ok: 0 bundles, 0 items, 0 tests\nexit=0"
  "{ printf 'materials:\\n  m:\\n    name:\\n      ? en'; i=0; while [ $i -lt 12000 ]; do printf -- -a; i=$((i+1)); done; printf '\\n      : x\\n'; } > \"$1\" && \"$0\" lint \"$1\" 2>&1; echo exit=$?"
  ${CMAKE_CURRENT_BINARY_DIR}/long-language-tag.yaml)
# A chain of 300,000 items in three files, each needing the next (as a prerequisite and through
# a material only the next produces), loads in linear time: about 6 s here. The cycle check
# once removed one item per sweep over all of them, 24 s for a third of this chain and some
# minutes for all of it, which the timeout refuses.
onething_shell_test(lint.long_need_chain "^ok: 0 bundles, 300000 items, 0 tests\nexit=0"
  "mkdir -p \"$1\" && for part in 0 1 2; do awk -v part=$part 'BEGIN { n = 300000; lo = part * 100000; print \"materials:\"; for (i = lo; i < lo + 100000; i++) print \"  m\" i \": {submittable: false}\"; print \"items:\"; for (i = lo; i < lo + 100000; i++) if (i < n - 1) print \"  i\" i \": {needs: {items: [i\" i + 1 \"], materials: [m\" i + 1 \"]}, produces: {materials: [m\" i \"]}}\"; else print \"  i\" i \": {produces: {materials: [m\" i \"]}}\" }' > \"$1/part$part.yaml\" || exit 1; done && \"$0\" lint \"$1\" 2>&1; echo exit=$?"
  ${CMAKE_CURRENT_BINARY_DIR}/long-need-chain)
# A sanitizer build runs it some times slower: a quadratic check still takes far longer.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  set_tests_properties(cli.lint.long_need_chain PROPERTIES TIMEOUT 180)
else()
  set_tests_properties(cli.lint.long_need_chain PROPERTIES TIMEOUT 60)
endif()
# A --fact value no facts file could hold (a control character, a byte that is not UTF-8) is a
# located usage error, as in a facts file, not a later error of no place or a plan.
onething_shell_test(fact_not_text
  "^--fact: error: fact 'parents.hukou_local' holds a control character U\\+0001, which no facts file can hold; remove it \\[invalid-fact\\]\nexit=2\n--fact: error: fact 'parents.hukou_local': byte 2 of the value is not UTF-8; write the value as UTF-8 text \\[encoding\\]\nexit=2"
  "\"$0\" plan \"$1\" -b child-birth --fact \"parents.hukou_local=$(printf 'a\\001')\" 2>&1; echo exit=$?; \"$0\" plan \"$1\" -b child-birth --fact \"parents.hukou_local=$(printf 'a\\377')\" 2>&1; echo exit=$?"
  ${PROJECT_SOURCE_DIR}/rules)
# A first word that is not a command is named, with the commands (not CLI11's "A subcommand
# is required").
onething_shell_test(unknown_command
  "^unknown command 'frob'; the commands are: lint, list, plan, [^\n]*import\nRun with --help[^\n]*\nexit=2"
  "\"$0\" frob --bundle x 2>&1; echo exit=$?")
# A failed write to standard output (a full disk, a closed descriptor) is an error, exit 2,
# never a silent success with the answer lost.
onething_shell_test(stdout_full
  "<stdout>: error: cannot write standard output: No space left on device[^\n]*\\[unwritable\\]\nexit=2"
  "\"$0\" list \"$1\" > /dev/full; echo exit=$?" ${PROJECT_SOURCE_DIR}/rules)
onething_shell_test(stdout_closed
  "<stdout>: error: cannot write standard output: Bad file descriptor[^\n]*\\[unwritable\\]\nexit=2"
  "\"$0\" guide \"$1\" -b child-birth >&-; echo exit=$?" ${PROJECT_SOURCE_DIR}/rules)

# An empty path (a script's unset variable) is a usage error naming the option, never the
# option left out: standard output for -o, no facts for --facts.
set(_empty_path_options -o --facts)
set(_empty_path_names --output --facts)  # as the message names them
foreach(_option _name IN ZIP_LISTS _empty_path_options _empty_path_names)
  onething_shell_test(empty_path${_option} "${_name}: expected a path, not an empty text.*exit=2"
    "\"$0\" plan \"$1\" -b child-birth --fact parents.hukou_local=true $2 ''; echo exit=$?"
    ${PROJECT_SOURCE_DIR}/rules ${_option})
endforeach()

# A file reached twice (a folder and a folder inside it, or the same path twice) is read once,
# never reported as a duplicate of itself.
onething_cli_test(lint.path_twice 0 CONTAINS "ok: 19 bundles"
  ARGS lint ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/rules/items)
onething_cli_test(lint.same_path_twice 0 CONTAINS "ok: 19 bundles"
  ARGS lint ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/rules)

# A folder with no rule file warns (no-rule-files) rather than passing as an empty catalog;
# --max-warnings 0 makes that a failure for CI.
onething_shell_test(lint.empty_folder
  "empty-rules: warning: no rule file \\(\\*\\.yaml, \\*\\.yml\\) under '[^']*empty-rules': nothing is read from it[^\n]*\\[no-rule-files\\].*error: 1 warning, more than the 0 allowed.*exit=1"
  "rm -rf \"$1\" && mkdir -p \"$1\" && \"$0\" lint \"$1\" --max-warnings 0; echo exit=$?"
  ${CMAKE_CURRENT_BINARY_DIR}/empty-rules)
