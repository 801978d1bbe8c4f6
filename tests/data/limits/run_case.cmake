# Special command-line cases of tests/limits_tests.cmake that need a prepared folder or a
# wrapper. -DCASE=name -DONETHING=path/to/onething -DDATA=tests/data/limits -DWORK=scratch/dir
#   unreadable:     a folder whose rule file fails to read (EIO) gives exit 2 [unreadable]
#   memory:         a generated flow file under a 192 MiB address-space cap (prlimit) gives
#                   exit 1 with [out-of-memory] or a [limit-*] error, never a signal
#   output_ok:      plan --output FILE writes FILE completely and nothing else
#   output_missing: plan --output into a missing folder gives exit 2 and leaves nothing behind
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Runs `args` in WORK; sets status, out, err in the caller.
macro(run_onething)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK}
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
endmacro()

# Fails unless the last run exited with `expected` and stderr contains `text`.
macro(expect expected text)
  if(NOT status STREQUAL "${expected}")
    message(FATAL_ERROR "exit status '${status}', expected ${expected}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  string(FIND "${err}" "${text}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "stderr lacks '${text}'\nstderr:\n${err}")
  endif()
endmacro()

# The files in WORK other than those named, recursively.
function(extra_files result)
  file(GLOB_RECURSE found LIST_DIRECTORIES true RELATIVE ${WORK} ${WORK}/* ${WORK}/.*)
  list(REMOVE_ITEM found ${ARGN})
  set(${result} "${found}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "unreadable")
  # Root reads any file whatever its mode, so the unreadable file is /proc/self/mem, whose
  # first page is never mapped: open succeeds and read fails with EIO.
  file(MAKE_DIRECTORY ${WORK}/rules)
  file(COPY ${DATA}/split/a_facts.yaml DESTINATION ${WORK}/rules)
  file(CREATE_LINK /proc/self/mem ${WORK}/rules/b_unreadable.yaml SYMBOLIC)
  run_onething(${ONETHING} lint rules)
  expect(2 "rules/b_unreadable.yaml: error: error while reading")
  expect(2 "[unreadable]")
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts rules/b_unreadable.yaml)
  expect(2 "[unreadable]")
elseif(CASE STREQUAL "memory")
  # 1,500,000 elements in one flow sequence (3 MB): under the default limits this needs
  # more than 192 MiB, so the cap makes allocation fail while parsing.
  string(REPEAT "0," 1500000 elements)
  file(WRITE ${WORK}/flow.yaml "[${elements}0]\n")
  run_onething(prlimit --as=201326592 ${ONETHING} lint flow.yaml)
  if(NOT status STREQUAL "1")
    message(FATAL_ERROR "exit status '${status}', expected 1\nstderr:\n${err}")
  endif()
  if(NOT err MATCHES "flow\\.yaml:[0-9]+:[0-9]+: error: [^\n]*\\[(out-of-memory|limit-[a-z-]+)\\]")
    message(FATAL_ERROR "no located [out-of-memory] or limit error\nstderr:\n${err}")
  endif()
  # The same file with a node limit is refused before memory runs out.
  run_onething(prlimit --as=201326592 ${ONETHING} lint --max-nodes 100000 flow.yaml)
  expect(1 "flow.yaml:1:")
  expect(1 "[limit-nodes]")
elseif(CASE STREQUAL "output_ok")
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts ${DATA}/facts.yaml
               --format json --output plan.json)
  expect(0 "")
  file(READ ${WORK}/plan.json written)
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts ${DATA}/facts.yaml
               --format json)
  if(NOT written STREQUAL out OR written STREQUAL "")
    message(FATAL_ERROR "plan.json differs from stdout\n--- plan.json:\n${written}\n--- stdout:\n${out}")
  endif()
  extra_files(extra plan.json)
  if(extra)
    message(FATAL_ERROR "left behind: ${extra}")
  endif()
elseif(CASE STREQUAL "output_missing")
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts ${DATA}/facts.yaml
               --output missing/plan.txt)
  expect(2 "[unwritable]")
  if(NOT out STREQUAL "")
    message(FATAL_ERROR "stdout is not empty:\n${out}")
  endif()
  extra_files(extra)
  if(extra)
    message(FATAL_ERROR "left behind: ${extra}")
  endif()
else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
