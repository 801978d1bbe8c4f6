# Package tests: `cmake --install` this build into a prefix inside the build tree, then
# configure, build and run the consumers of examples/ against the INSTALLED package, as a user
# would (-DCMAKE_PREFIX_PATH=<prefix>). The fixture `onething_package` installs first.
#
# The C API is also exercised through a shared library: with -DBUILD_SHARED_LIBS=ON that is
# this build's own package; in a static build the fixture `onething_shared_package` configures,
# builds and installs a shared variant of the same sources (library and CLI, no tests) under
# tests/package-shared/, so one ctest run checks both flavours. examples/python/plan.py (ctypes)
# runs against that shared library. The shared variant is built without this build's flags,
# so the tsan test preset leaves it out (package.shared_* and package.python_ctypes).
#
# Run as a script, it checks the sources: `cmake -DCHECK=umbrella|docs -DSOURCE_DIR=... -P <this>`.
if(CMAKE_SCRIPT_MODE_FILE)
  set(_missing "")
  if(CHECK STREQUAL "umbrella")
    # <onething/onething.hpp> includes every public header.
    file(READ ${SOURCE_DIR}/include/onething/onething.hpp _text)
    file(GLOB _files RELATIVE ${SOURCE_DIR}/include
         ${SOURCE_DIR}/include/onething/*.hpp ${SOURCE_DIR}/include/onething/*.h)
    list(REMOVE_ITEM _files onething/onething.hpp)
    foreach(_file IN LISTS _files)
      string(FIND "${_text}" "#include \"${_file}\"" _at)
      if(_at EQUAL -1)
        list(APPEND _missing ${_file})
      endif()
    endforeach()
  elseif(CHECK STREQUAL "docs")
    # docs/api.md holds every example verbatim.
    file(READ ${SOURCE_DIR}/docs/api.md _text)
    foreach(_file cpp_consumer/CMakeLists.txt cpp_consumer/main.cpp c_consumer/CMakeLists.txt
                  c_consumer/main.c python/plan.py)
      file(READ ${SOURCE_DIR}/examples/${_file} _example)
      string(FIND "${_text}" "${_example}" _at)
      if(_at EQUAL -1)
        list(APPEND _missing examples/${_file})
      endif()
    endforeach()
  endif()
  if(_missing)
    message(FATAL_ERROR "check ${CHECK}: missing ${_missing}")
  endif()
  return()
endif()

if(NOT ONETHING_INSTALL)
  return()  # no install rules, nothing to test
endif()
option(ONETHING_TEST_SHARED_PACKAGE
  "In a static build, also build and test a shared variant (C API via ctypes)" ON)

foreach(_check umbrella docs)
  add_test(NAME package.check_${_check}
    COMMAND ${CMAKE_COMMAND} -DCHECK=${_check} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -P ${CMAKE_CURRENT_LIST_FILE})
endforeach()

set(_pkg ${CMAKE_CURRENT_BINARY_DIR}/package)
set(_prefix ${_pkg}/prefix)
set(_examples ${PROJECT_SOURCE_DIR}/examples)
get_target_property(_type onething TYPE)

set(_strict_cxx "")
set(_strict_c "")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  # The build's own flags too: a sanitizer build's library needs its runtime in consumers.
  set(_strict_cxx "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Werror ${CMAKE_CXX_FLAGS}")
  set(_strict_c "-DCMAKE_C_FLAGS=-Wall -Wextra -Wpedantic -Werror")
endif()

# onething_consumer_test(NAME SOURCE_DIR PACKAGE_ARG FIXTURE REGEX ARGS ...): configures and
# builds SOURCE_DIR with PACKAGE_ARG (how to find onething), runs its program with ARGS and
# passes when the output matches REGEX.
function(onething_consumer_test name source package_arg fixture regex)
  get_filename_component(program ${source} NAME)
  set(flags ${_strict_cxx})
  if(program STREQUAL "c_consumer")
    set(flags ${_strict_c})
  endif()
  add_test(NAME package.${name}
    COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${source} ${_pkg}/${name}
      --build-generator ${CMAKE_GENERATOR}
      --build-makeprogram ${CMAKE_MAKE_PROGRAM}
      --build-config $<CONFIG>
      --build-options
        ${package_arg}
        "-DCMAKE_BUILD_TYPE=$<CONFIG>"
        "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
        ${flags}
      --test-command ${program} ${ARGN})
  set_tests_properties(package.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
  if(fixture)
    set_tests_properties(package.${name} PROPERTIES FIXTURES_REQUIRED ${fixture})
  endif()
endfunction()

# The install, from a clean prefix.
add_test(NAME package.clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${_pkg})
add_test(NAME package.install
  COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${_prefix} --config $<CONFIG>)
set_tests_properties(package.clean package.install PROPERTIES FIXTURES_SETUP onething_package)
set_tests_properties(package.install PROPERTIES DEPENDS package.clean)

set(_cpp_regex "bundle child-birth, [0-9]+ items.*visits: [0-9.]+ -> [0-9.]+")
set(_c_regex "\"bundle\": \"child-birth\".*expected error: .*no-such-bundle")
onething_consumer_test(cpp_consumer ${_examples}/cpp_consumer "-DCMAKE_PREFIX_PATH=${_prefix}"
  onething_package "${_cpp_regex}" ${_prefix}/share/onething/rules)
onething_consumer_test(c_consumer ${_examples}/c_consumer "-DCMAKE_PREFIX_PATH=${_prefix}"
  onething_package "${_c_regex}" ${_prefix}/share/onething/rules)
# The package is usable from the build tree too (onething_DIR=<build dir>).
onething_consumer_test(cpp_consumer_build_tree ${_examples}/cpp_consumer
  "-Donething_DIR=${PROJECT_BINARY_DIR}" onething_package "${_cpp_regex}" ${PROJECT_SOURCE_DIR}/rules)

# <onething/onething.hpp> compiles with the prefix's include dir alone and pulls in no header
# of yaml-cpp, Boost, nlohmann_json or fmt (-H lists every header read).
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_test(NAME package.umbrella_header_standalone
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only -H -Wall -Wextra -Werror
            -I${_prefix}/include ${_examples}/cpp_consumer/main.cpp)
  set_tests_properties(package.umbrella_header_standalone PROPERTIES
    FIXTURES_REQUIRED onething_package
    FAIL_REGULAR_EXPRESSION "[/\\\\](yaml-cpp|boost|nlohmann|fmt)[/\\\\]")
endif()

# The installed command reads the installed catalog (share/onething/rules) by default.
if(ONETHING_BUILD_CLI)
  add_test(NAME package.installed_cli
    COMMAND ${CMAKE_COMMAND} -DCOMMAND=${_prefix}/${CMAKE_INSTALL_BINDIR}/onething\;lint
            -DWORKING_DIRECTORY=${_pkg} -DEXPECT_EXIT=0 "-DSTDOUT_CONTAINS=ok: "
            -P ${CMAKE_CURRENT_SOURCE_DIR}/check_command.cmake)
  set_tests_properties(package.installed_cli PROPERTIES FIXTURES_REQUIRED onething_package)
endif()

# The installed Python module: imported from the prefix's Python folder (not the build's), it
# plans with the installed catalog.
if(ONETHING_PYTHON_MODULE)
  set(_python_preload "")
  if(ONETHING_PYTHON_PRELOAD)
    set(_python_preload "LD_PRELOAD=${ONETHING_PYTHON_PRELOAD};")  # ThreadSanitizer's runtime
  endif()
  add_test(NAME package.installed_python
    COMMAND ${Python3_EXECUTABLE} -c
      "import sys, onething; assert onething.__file__.startswith(sys.argv[1]), onething.__file__; print(onething.Catalog(sys.argv[2]).plan('child-birth', {'parents.hukou_local': True, 'mother.maternity_insured': True}, lang='en')['metrics']['after'])"
      ${_prefix}/ ${_prefix}/share/onething/rules)
  set_tests_properties(package.installed_python PROPERTIES
    FIXTURES_REQUIRED onething_package
    ENVIRONMENT "${_python_preload}PYTHONPATH=${_prefix}/${ONETHING_PYTHON_INSTALL_DIR};PYTHONDONTWRITEBYTECODE=1"
    PASS_REGULAR_EXPRESSION "'steps': [0-9]+, 'forms': 1")
endif()

# A shared package for the C API through ctypes: this one, or a shared variant built here.
if(_type STREQUAL "SHARED_LIBRARY")
  set(_shared_prefix ${_prefix})
  set(_shared_fixture onething_package)
elseif(NOT ONETHING_TEST_SHARED_PACKAGE)
  return()
else()
  set(_shared ${CMAKE_CURRENT_BINARY_DIR}/package-shared)
  set(_shared_prefix ${_shared}/prefix)
  set(_shared_fixture onething_shared_package)
  string(REPLACE ";" "$<SEMICOLON>" _prefix_path "${CMAKE_PREFIX_PATH}")
  add_test(NAME package.shared_configure
    COMMAND ${CMAKE_COMMAND} -S ${PROJECT_SOURCE_DIR} -B ${_shared}/build
      -G ${CMAKE_GENERATOR} "-DCMAKE_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
      "-DCMAKE_BUILD_TYPE=$<CONFIG>" "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
      "-DCMAKE_PREFIX_PATH=${_prefix_path}" -DBUILD_SHARED_LIBS=ON
      -DONETHING_BUILD_TESTS=OFF -DONETHING_BUILD_PYTHON=OFF
      "-DONETHING_BUILD_CLI=${ONETHING_BUILD_CLI}"
      "-DCMAKE_INSTALL_PREFIX=${_shared_prefix}")
  add_test(NAME package.shared_clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${_shared_prefix})
  # Two jobs: the machines running this are shared.
  add_test(NAME package.shared_install
    COMMAND ${CMAKE_COMMAND} --build ${_shared}/build --config $<CONFIG> --target install
            --parallel 2)
  set_tests_properties(package.shared_configure package.shared_clean package.shared_install
    PROPERTIES FIXTURES_SETUP onething_shared_package)
  set_tests_properties(package.shared_install PROPERTIES
    DEPENDS "package.shared_configure;package.shared_clean" TIMEOUT 1200)
  onething_consumer_test(shared_cpp_consumer ${_examples}/cpp_consumer
    "-DCMAKE_PREFIX_PATH=${_shared_prefix}" onething_shared_package "${_cpp_regex}"
    ${_shared_prefix}/share/onething/rules)
  onething_consumer_test(shared_c_consumer ${_examples}/c_consumer
    "-DCMAKE_PREFIX_PATH=${_shared_prefix}" onething_shared_package "${_c_regex}"
    ${_shared_prefix}/share/onething/rules)
  if(ONETHING_BUILD_CLI)
    # The installed command finds libonething.so through its RPATH ($ORIGIN/../lib).
    add_test(NAME package.shared_installed_cli
      COMMAND ${CMAKE_COMMAND} -DCOMMAND=${_shared_prefix}/${CMAKE_INSTALL_BINDIR}/onething\;lint
              -DWORKING_DIRECTORY=${_shared} -DEXPECT_EXIT=0 "-DSTDOUT_CONTAINS=ok: "
              -P ${CMAKE_CURRENT_SOURCE_DIR}/check_command.cmake)
    set_tests_properties(package.shared_installed_cli PROPERTIES
      FIXTURES_REQUIRED onething_shared_package)
  endif()
endif()

find_program(ONETHING_PYTHON3 NAMES python3 DOC "Python 3 for the ctypes example")
if(ONETHING_PYTHON3)
  add_test(NAME package.python_ctypes
    COMMAND ${ONETHING_PYTHON3} ${_examples}/python/plan.py
      ${_shared_prefix}/${CMAKE_INSTALL_LIBDIR}/${CMAKE_SHARED_LIBRARY_PREFIX}onething${CMAKE_SHARED_LIBRARY_SUFFIX}
      ${_shared_prefix}/share/onething/rules)
  set_tests_properties(package.python_ctypes PROPERTIES
    FIXTURES_REQUIRED ${_shared_fixture}
    PASS_REGULAR_EXPRESSION "child-birth after: steps [0-9.]+.*expected error: unknown-bundle")
endif()
