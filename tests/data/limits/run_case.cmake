# Special command-line cases of tests/limits_tests.cmake that need a prepared folder or a
# wrapper. -DCASE=name -DONETHING=path/to/onething -DDATA=tests/data/limits -DWORK=scratch/dir
#   unreadable:     a folder whose rule file fails to read (EIO) gives exit 2 [unreadable]
#   memory:         a generated flow file under a 192 MiB address-space cap (prlimit) gives
#                   exit 1 with [out-of-memory] or a [limit-*] error, never a signal; as a
#                   facts file, and as a CPSV-AP document to import, exit 1 with
#                   [out-of-memory]; 300,000 nested arrays to import, under --max-depth
#                   1000000, read in the cap (exit 2, the innermost is not a node)
#   output_ok:      plan --output FILE writes FILE completely and nothing else
#   output_missing: plan --output into a missing folder gives exit 2 and leaves nothing behind
#   output_special: --output onto a FIFO or a device node gives exit 2 and leaves it as it was
#   output_folder:  --output onto a folder gives exit 2 saying it is a folder
#   output_link:    a link planted at the old temporary name (.NAME.tmp<pid>) is not followed
#   output_mode:    an existing 0600 output stays 0600; a new one gets 0666 less the umask
#   output_input:   --output naming a rule file or the --facts file (directly or through a
#                   link) gives exit 2 and leaves the input as it was
#   read_special:   a rule file or --facts path that is a FIFO or /dev/zero gives exit 2 at once
#   json_file_name: a rule file named with the byte 0xff: lint --format json still prints every
#                   diagnostic (the name with U+FFFD), the text output keeps the raw name
#   folder_links:   a link to a folder inside a rules folder is followed; a link back to a
#                   folder above it (a loop) and a link to nothing give exit 2 naming the link,
#                   as do a link to nothing and a loop of links given as the path
#   output_killed:  killed (SIGKILL, by the preloaded -DPRELOAD library) at its first write to
#                   --output FILE: FILE is as it was and nothing else is left in the folder
#   integer_options: every --max-* option refuses one below its least value, one above its
#                   largest, 1e23, 1.5, 0x10 and +1 (exit 2, naming the option) and accepts
#                   its exact maximum
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
elseif(CASE STREQUAL "folder_links")
  # Nothing under a rules folder is skipped without a word: linked folders are read, loops and
  # dangling links are refused, naming the link.
  file(MAKE_DIRECTORY ${WORK}/rules ${WORK}/elsewhere)
  file(COPY ${DATA}/split/a_facts.yaml DESTINATION ${WORK}/rules)
  file(GLOB _split RELATIVE ${DATA}/split ${DATA}/split/*.yaml)
  list(REMOVE_ITEM _split a_facts.yaml)
  foreach(part IN LISTS _split)
    file(COPY ${DATA}/split/${part} DESTINATION ${WORK}/elsewhere)
  endforeach()
  file(CREATE_LINK ../elsewhere ${WORK}/rules/more SYMBOLIC)
  run_onething(${ONETHING} lint rules)
  expect(0 "")
  if(NOT out MATCHES "ok: 1 bundle,")
    message(FATAL_ERROR "the bundle in the linked folder was not read\nstdout:\n${out}")
  endif()
  file(CREATE_LINK ../rules ${WORK}/elsewhere/up SYMBOLIC)
  run_onething(${ONETHING} lint rules)
  expect(2 "'rules/more/up' is a link back to a folder that contains it")
  file(REMOVE ${WORK}/elsewhere/up)
  file(CREATE_LINK missing.yaml ${WORK}/rules/gone.yaml SYMBOLIC)
  run_onething(${ONETHING} lint rules)
  expect(2 "rules/gone.yaml: error: 'rules/gone.yaml' is a link to nothing")
  # A link given as the path itself: a link to nothing, or a loop of links, says so.
  run_onething(${ONETHING} lint rules/gone.yaml)
  expect(2 "rules/gone.yaml: error: 'rules/gone.yaml' is a link to nothing")
  file(CREATE_LINK loop_b ${WORK}/loop_a SYMBOLIC)
  file(CREATE_LINK loop_a ${WORK}/loop_b SYMBOLIC)
  run_onething(${ONETHING} lint loop_a)
  expect(2 "loop_a: error: 'loop_a' is a link in a loop of links")
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
  # The same in a facts file: running out of memory is the machine's problem (1), not bad
  # input (2).
  file(WRITE ${WORK}/facts.json "{\"x\": [${elements}0]}\n")
  run_onething(prlimit --as=201326592 ${ONETHING} plan ${DATA}/catalog.yaml -b move
    --facts facts.json)
  if(NOT status STREQUAL "1" OR NOT err MATCHES "facts\\.json:[0-9]+:[0-9]+: error: [^\n]*\\[out-of-memory\\]")
    message(FATAL_ERROR "facts: exit status '${status}', expected 1 and [out-of-memory]\nstderr:\n${err}")
  endif()
  # A CPSV-AP document of 5,000,000 array elements (10 MB) under a 150 MiB cap: the import runs
  # out of memory while parsing, and says so (it ended the process before).
  string(REPEAT "0," 5000000 graph)
  file(WRITE ${WORK}/big.jsonld "{\"@context\": {}, \"@graph\": [${graph}0]}")
  run_onething(prlimit --as=157286400 ${ONETHING} import big.jsonld -o imported)
  if(NOT status STREQUAL "1" OR NOT err MATCHES "\\[out-of-memory\\]")
    message(FATAL_ERROR "import: exit status '${status}', expected 1 and [out-of-memory]\nstderr:\n${err}")
  endif()
  # 300,000 nested arrays (600 KB) under a limit raised past them, in the same cap: what
  # import keeps per open array is constant, so it reads them all and refuses the innermost
  # as no node, exit 2 (it kept a whole JSON pointer per open array, memory growing with the
  # square of the depth, and ran out).
  string(REPEAT "[" 300000 open)
  string(REPEAT "]" 300000 close)
  file(WRITE ${WORK}/deep.jsonld "{\"@context\": {}, \"@graph\": ${open}${close}}")
  run_onething(prlimit --as=157286400 ${ONETHING} import deep.jsonld --max-depth 1000000
    -o imported)
  expect(2 "deep.jsonld: error: /@graph/0: expected a node object [cpsv-ap]")
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
elseif(CASE STREQUAL "output_special")
  # Never /dev/null itself: a FIFO and a node of the null device made here.
  execute_process(COMMAND mkfifo ${WORK}/fifo RESULT_VARIABLE made)
  if(NOT made EQUAL 0)
    message(FATAL_ERROR "mkfifo failed")
  endif()
  set(specials fifo)
  execute_process(COMMAND mknod ${WORK}/null c 1 3 RESULT_VARIABLE made ERROR_QUIET)
  if(made EQUAL 0)
    list(APPEND specials null)
  else()
    message(STATUS "mknod not permitted here: the device case is skipped")
  endif()
  foreach(special IN LISTS specials)
    run_onething(${ONETHING} lint ${DATA}/catalog.yaml --output ${special})
    expect(2 "${special}: error: cannot write '${special}': it is ")
    expect(2 ", not a regular file; name a regular file, or omit -o to write to standard output [unwritable]")
    if(IS_DIRECTORY ${WORK}/${special} OR NOT EXISTS ${WORK}/${special})
      message(FATAL_ERROR "${special} is gone")
    endif()
    execute_process(COMMAND test -f ${WORK}/${special} RESULT_VARIABLE regular)
    if(regular EQUAL 0)
      message(FATAL_ERROR "${special} became a regular file")
    endif()
  endforeach()
  extra_files(extra ${specials})
  if(extra)
    message(FATAL_ERROR "left behind: ${extra}")
  endif()
elseif(CASE STREQUAL "output_folder")
  file(MAKE_DIRECTORY ${WORK}/adir)
  run_onething(${ONETHING} lint ${DATA}/catalog.yaml --output adir)
  expect(2 "adir: error: cannot write 'adir': it is a folder; name a file to write [unwritable]")
  extra_files(extra adir)
  if(extra)
    message(FATAL_ERROR "left behind: ${extra}")
  endif()
elseif(CASE STREQUAL "output_link")
  # `exec` keeps the shell's process id, so the link sits at the name the old code used.
  file(WRITE ${WORK}/victim "keep\n")
  run_onething(sh -c "ln -s victim .out.txt.tmp$$ && exec \"$0\" lint \"$1\" --output out.txt"
               ${ONETHING} ${DATA}/catalog.yaml)
  expect(0 "")
  file(READ ${WORK}/victim victim)
  if(NOT victim STREQUAL "keep\n")
    message(FATAL_ERROR "the planted link was followed: victim now holds\n${victim}")
  endif()
  if(IS_SYMLINK ${WORK}/out.txt)
    message(FATAL_ERROR "out.txt is a link")
  endif()
  file(READ ${WORK}/out.txt written)
  if(NOT written MATCHES "^ok: ")
    message(FATAL_ERROR "out.txt holds\n${written}")
  endif()
elseif(CASE STREQUAL "output_killed")
  file(WRITE ${WORK}/plan.txt "old\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env LD_PRELOAD=${PRELOAD}
                          ${ONETHING} lint ${DATA}/catalog.yaml --output plan.txt
    WORKING_DIRECTORY ${WORK} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(status STREQUAL "0")
    message(FATAL_ERROR "the command was not killed: the preloaded write never ran")
  endif()
  file(READ ${WORK}/plan.txt kept)
  if(NOT kept STREQUAL "old\n")
    message(FATAL_ERROR "plan.txt changed: '${kept}'")
  endif()
  extra_files(left plan.txt)
  if(left)
    message(FATAL_ERROR "left behind by the killed command: ${left}")
  endif()
elseif(CASE STREQUAL "output_mode")
  file(WRITE ${WORK}/private.txt "old\n")
  file(CHMOD ${WORK}/private.txt PERMISSIONS OWNER_READ OWNER_WRITE)
  run_onething(${ONETHING} lint ${DATA}/catalog.yaml --output private.txt)
  expect(0 "")
  run_onething(stat -c %a private.txt)
  if(NOT out STREQUAL "600\n")
    message(FATAL_ERROR "private.txt has mode ${out}, expected 600")
  endif()
  run_onething(sh -c "umask 027 && exec \"$0\" lint \"$1\" --output new.txt" ${ONETHING}
               ${DATA}/catalog.yaml)
  expect(0 "")
  run_onething(stat -c %a new.txt)
  if(NOT out STREQUAL "640\n")
    message(FATAL_ERROR "new.txt has mode ${out}, expected 640 (0666 less the umask 027)")
  endif()
  extra_files(extra private.txt new.txt)
  if(extra)
    message(FATAL_ERROR "left behind: ${extra}")
  endif()
elseif(CASE STREQUAL "output_input")
  file(MAKE_DIRECTORY ${WORK}/rules)
  file(COPY ${DATA}/catalog.yaml ${DATA}/facts.yaml DESTINATION ${WORK})
  file(COPY ${DATA}/catalog.yaml DESTINATION ${WORK}/rules)
  file(CREATE_LINK catalog.yaml ${WORK}/link.yaml SYMBOLIC)
  file(READ ${DATA}/catalog.yaml catalog)
  file(READ ${DATA}/facts.yaml facts)
  run_onething(${ONETHING} lint catalog.yaml --output catalog.yaml)
  expect(2 "catalog.yaml: error: cannot write 'catalog.yaml': it is a rule file of this command ('catalog.yaml'); write the output to another file [unwritable]")
  run_onething(${ONETHING} lint catalog.yaml --output link.yaml)
  expect(2 "cannot write 'link.yaml': it is a rule file of this command ('catalog.yaml')")
  run_onething(${ONETHING} lint rules --output rules/catalog.yaml)
  expect(2 "cannot write 'rules/catalog.yaml': it is a rule file of this command ('rules/catalog.yaml')")
  run_onething(${ONETHING} plan catalog.yaml -b move --facts facts.yaml --output facts.yaml)
  expect(2 "cannot write 'facts.yaml': it is the --facts file of this command ('facts.yaml')")
  foreach(file catalog.yaml rules/catalog.yaml)
    file(READ ${WORK}/${file} now)
    if(NOT now STREQUAL catalog)
      message(FATAL_ERROR "${file} was overwritten:\n${now}")
    endif()
  endforeach()
  file(READ ${WORK}/facts.yaml now)
  if(NOT now STREQUAL facts)
    message(FATAL_ERROR "facts.yaml was overwritten:\n${now}")
  endif()
elseif(CASE STREQUAL "read_special")
  # The test has a timeout: a FIFO with no writer used to block forever.
  execute_process(COMMAND mkfifo ${WORK}/fifo.yaml RESULT_VARIABLE made)
  if(NOT made EQUAL 0)
    message(FATAL_ERROR "mkfifo failed")
  endif()
  run_onething(${ONETHING} lint /dev/zero)
  expect(2 "/dev/zero: error: cannot read '/dev/zero': it is a character device, not a regular file; give a regular file [unreadable]")
  run_onething(${ONETHING} lint fifo.yaml)
  expect(2 "fifo.yaml: error: cannot read 'fifo.yaml': it is a FIFO, not a regular file; give a regular file [unreadable]")
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts fifo.yaml)
  expect(2 "cannot read 'fifo.yaml': it is a FIFO, not a regular file")
  run_onething(${ONETHING} plan ${DATA}/catalog.yaml -b move --facts /dev/zero)
  expect(2 "cannot read '/dev/zero': it is a character device, not a regular file")
elseif(CASE STREQUAL "json_file_name")
  file(MAKE_DIRECTORY ${WORK}/rules)
  file(COPY ${DATA}/catalog.yaml DESTINATION ${WORK}/rules)
  execute_process(COMMAND sh -c "printf 'items: 3\\n' > \"rules/$(printf 'b\\377')x.yaml\""
    WORKING_DIRECTORY ${WORK} RESULT_VARIABLE made)
  if(NOT made EQUAL 0)
    message(FATAL_ERROR "cannot make the file named with 0xff")
  endif()
  run_onething(${ONETHING} lint rules --format json)
  if(NOT status STREQUAL "1")
    message(FATAL_ERROR "exit status '${status}', expected 1\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  # U+FFFD stands for the byte; the diagnostic itself is all there.
  foreach(text "\"file\": \"rules/b�x.yaml\"" "\"line\": 1" "\"column\": 8"
               "\"code\": \"type\"" "\"errors\": 1")
    string(FIND "${out}" "${text}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "stdout lacks '${text}'\nstdout:\n${out}\nstderr:\n${err}")
    endif()
  endforeach()
  # The text output names the file with its own bytes.
  run_onething(sh -c "\"$0\" lint rules 2>&1 >/dev/null | grep -c \"^rules/$(printf 'b\\377')x.yaml:1:8: error: items must be a mapping, not '3' \\[type\\]$\""
               ${ONETHING})
  if(NOT out STREQUAL "1\n")
    message(FATAL_ERROR "the text output lacks the raw file name\n${out}${err}")
  endif()
elseif(CASE STREQUAL "integer_options")
  set(u64 18446744073709551615)
  set(u32 4294967295)
  set(i64 9223372036854775807)
  # option, its largest value, its smallest value
  set(options
    max-file-bytes:${u64}:0 max-catalog-bytes:${u64}:0 max-nodes:${u64}:0 max-depth:${u32}:0
    max-alias-nodes:${u64}:0 max-expression-length:${u32}:0 max-expression-depth:${u32}:0
    max-definitions:${u64}:0 max-files:${u64}:0 max-snapshot-bytes:${u64}:0
    max-versions:${u64}:0 max-input-errors:${u64}:0 max-search-nodes:${i64}:1
    max-search-work:${i64}:1)
  foreach(entry IN LISTS options)
    string(REPLACE ":" ";" entry "${entry}")
    list(GET entry 0 option)
    list(GET entry 1 largest)
    list(GET entry 2 smallest)
    if(option MATCHES "search")
      set(command plan ${DATA}/catalog.yaml -b move --facts ${DATA}/facts.yaml)
    else()
      set(command lint ${DATA}/catalog.yaml)
    endif()
    math(EXPR below "${smallest} - 1")
    if(largest STREQUAL "${u64}")
      set(above 18446744073709551616)
    elseif(largest STREQUAL "${u32}")
      set(above 4294967296)
    else()
      set(above 9223372036854775808)
    endif()
    foreach(bad ${below} ${above} 1e23 1.5 0x10 +1)
      run_onething(${ONETHING} ${command} --${option}=${bad})
      expect(2 "--${option}: expected an integer from ${smallest} to ${largest}, not '${bad}'")
    endforeach()
    run_onething(${ONETHING} ${command} --${option}=${largest})
    if(NOT status STREQUAL "0")
      message(FATAL_ERROR "--${option}=${largest}: exit status ${status}\n${err}")
    endif()
  endforeach()
else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
