# Module boundaries: a module compiles against its own folder and the interfaces of the modules
# it names (src/CMakeLists.txt). src/form/ may include src/load/'s interface (node_reader.hpp)
# and must fail to include its private load_state.hpp; cli/ includes no JSON or Boost header.
add_test(NAME modules.form_includes_load_interface
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only
          "-I$<JOIN:$<TARGET_PROPERTY:onething_form,INCLUDE_DIRECTORIES>,;-I>"
          ${CMAKE_CURRENT_SOURCE_DIR}/modules/form_includes_load_interface.cpp
  COMMAND_EXPAND_LISTS)
add_test(NAME modules.form_includes_load_private
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only
          "-I$<JOIN:$<TARGET_PROPERTY:onething_form,INCLUDE_DIRECTORIES>,;-I>"
          ${CMAKE_CURRENT_SOURCE_DIR}/modules/form_includes_load_private.cpp
  COMMAND_EXPAND_LISTS)
set_tests_properties(modules.form_includes_load_private PROPERTIES
  PASS_REGULAR_EXPRESSION "load/load_state.hpp: No such file or directory")
add_test(NAME modules.cli_includes
  COMMAND ${CMAKE_COMMAND} -DCLI_DIR=${PROJECT_SOURCE_DIR}/cli
          -P ${CMAKE_CURRENT_SOURCE_DIR}/modules/cli_includes.cmake)
