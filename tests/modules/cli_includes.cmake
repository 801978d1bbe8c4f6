# Fails when a source of cli/ includes a JSON or Boost header: the command line only parses
# arguments and prints what the request layer answers. `cmake -DCLI_DIR=... -P <this>`.
file(GLOB _sources ${CLI_DIR}/*.cpp ${CLI_DIR}/*.hpp)
set(_bad "")
foreach(_source IN LISTS _sources)
  file(STRINGS ${_source} _lines REGEX "^#include <(nlohmann|boost|yaml-cpp|fmt)/")
  if(_lines)
    list(APPEND _bad "${_source}: ${_lines}")
  endif()
endforeach()
if(_bad)
  message(FATAL_ERROR "cli/ includes a library the request layer should hide:\n${_bad}")
endif()
