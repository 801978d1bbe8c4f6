# Finds what the Python module needs (Python 3 with its development files, pybind11) and sets
# ONETHING_PYTHON_MODULE when both are there; without them the build goes on without the module.
#
# The system interpreter is preferred (/usr/bin/python3): the module's tests and tools use the
# distribution's packages (python3-pybind11, python3-pandas, python3-dask, ...), which another
# python3 earlier on PATH may not see. -DPython3_EXECUTABLE=... chooses another interpreter.
set(ONETHING_PYTHON_MODULE OFF)
set(ONETHING_PYTHON_PRELOAD "")
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=thread")
  # ThreadSanitizer's runtime must be loaded before the interpreter: the module's tests run
  # /usr/bin/python3 with LD_PRELOAD of the compiler's libtsan (tests/python_tests.cmake).
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libtsan.so
    OUTPUT_VARIABLE ONETHING_PYTHON_PRELOAD OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(ONETHING_PYTHON_PRELOAD "${ONETHING_PYTHON_PRELOAD}" REALPATH)
  if(NOT EXISTS "${ONETHING_PYTHON_PRELOAD}")
    message(STATUS "Python module: skipped in a ThreadSanitizer build (libtsan.so not found)")
    return()
  endif()
elseif(CMAKE_CXX_FLAGS MATCHES "-fsanitize=")
  # An instrumented extension needs the sanitizer's runtime loaded before the interpreter
  # (not tried here for AddressSanitizer).
  message(STATUS "Python module: skipped in a sanitizer build")
  return()
endif()
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python interpreter of the module")
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module QUIET)
if(NOT Python3_FOUND)
  message(STATUS "Python module: skipped (no Python 3 with development files; Debian: python3-dev)")
  return()
endif()
# pybind11's CMake package, or the one the interpreter's pybind11 ships.
find_package(pybind11 2.6 CONFIG QUIET)
if(NOT pybind11_FOUND)
  execute_process(COMMAND ${Python3_EXECUTABLE} -m pybind11 --cmakedir
    OUTPUT_VARIABLE _onething_pybind11_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_onething_pybind11_dir)
    find_package(pybind11 2.6 CONFIG QUIET PATHS ${_onething_pybind11_dir} NO_DEFAULT_PATH)
  endif()
endif()
if(NOT pybind11_FOUND)
  message(STATUS "Python module: skipped (pybind11 not found; Debian: pybind11-dev)")
  return()
endif()
set(ONETHING_PYTHON_MODULE ON)
message(STATUS "Python module: ${Python3_EXECUTABLE} (Python ${Python3_VERSION}, pybind11 ${pybind11_VERSION})")

# Where `cmake --install` puts the package, relative to the prefix: Debian's interpreter reads
# <prefix>/lib/python3.X/dist-packages, others <prefix>/lib/python3.X/site-packages.
if(NOT DEFINED ONETHING_PYTHON_INSTALL_DIR)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c
    "import sysconfig; print('dist-packages' if sysconfig.get_default_scheme() == 'posix_local' else 'site-packages')"
    OUTPUT_VARIABLE _onething_site OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(ONETHING_PYTHON_INSTALL_DIR
    lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/${_onething_site}
    CACHE STRING "Where the Python package is installed, relative to the prefix")
endif()
