# The HTTP service: `onething serve` on 127.0.0.1 port 0 driven over real HTTP by a standard
# library Python script (tests/serve/serve_test.py), answers checked byte for byte against the
# command line and against the OpenAPI document's schemas (Debian's python3-jsonschema).
set(_serve_script ${CMAKE_CURRENT_SOURCE_DIR}/serve/serve_test.py)
foreach(case endpoints protocol errors timeouts load reload signals studio snapshot inflight dated
    overlay fuzz_inputs edges framing)
  add_test(NAME serve.${case}
    COMMAND /usr/bin/python3 ${_serve_script} $<TARGET_FILE:onething_cli>
            ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/src/serve/openapi.json ${case})
  set_tests_properties(serve.${case} PROPERTIES TIMEOUT 120 LABELS serve)
endforeach()
# Resident memory after answers are freed: not under the sanitizers, whose allocator keeps freed
# blocks in quarantine.
if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  add_test(NAME serve.idle_memory
    COMMAND /usr/bin/python3 ${_serve_script} $<TARGET_FILE:onething_cli>
            ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/src/serve/openapi.json idle_memory)
  set_tests_properties(serve.idle_memory PROPERTIES TIMEOUT 120 LABELS serve)
endif()
