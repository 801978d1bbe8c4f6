# Out of memory through the C API: every allocation of loading, planning and writing made to
# fail in turn; the answer or an out-of-memory error, never an abort (tests/oom/).
set(ONETHING_ALLOC_FAILURE_STRIDE 1 CACHE STRING
  "Try every Nth allocation as a failure point in capi.alloc_failure (1: every one)")
add_executable(capi_alloc_failure ${CMAKE_CURRENT_SOURCE_DIR}/oom/capi_alloc_failure.cpp)
target_link_libraries(capi_alloc_failure PRIVATE onething::onething)
# Return addresses resolved through dladdr (and addr2line), to recognise the JSON library's destructors.
target_link_libraries(capi_alloc_failure PRIVATE ${CMAKE_DL_LIBS})
add_test(NAME capi.alloc_failure
  COMMAND capi_alloc_failure ${CMAKE_CURRENT_SOURCE_DIR}/oom/catalog.yaml
          ${ONETHING_ALLOC_FAILURE_STRIDE})
set_tests_properties(capi.alloc_failure PROPERTIES TIMEOUT 600)
