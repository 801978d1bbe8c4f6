# Install rules and the CMake package: find_package(onething CONFIG) gives onething::onething.
include(CMakePackageConfigHelpers)

set(ONETHING_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/onething)
get_target_property(_onething_type onething TYPE)
if(_onething_type STREQUAL "STATIC_LIBRARY")
  set(ONETHING_STATIC ON)
else()
  set(ONETHING_STATIC OFF)
endif()

install(TARGETS onething EXPORT onethingTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/onething DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

if(ONETHING_BUILD_CLI)
  # The installed command finds a shared libonething beside it (bin/../lib) wherever the prefix is.
  if(NOT ONETHING_STATIC AND NOT DEFINED CMAKE_INSTALL_RPATH)
    if(APPLE)
      set(_onething_origin @loader_path)
    else()
      set(_onething_origin $ORIGIN)
    endif()
    file(RELATIVE_PATH _onething_bin_to_lib ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
    set_target_properties(onething_cli PROPERTIES INSTALL_RPATH "${_onething_origin}/${_onething_bin_to_lib}")
  endif()
  install(TARGETS onething_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/onething/rules)

install(EXPORT onethingTargets NAMESPACE onething:: DESTINATION ${ONETHING_CMAKE_DIR})
# Usable from the build tree too.
export(EXPORT onethingTargets NAMESPACE onething:: FILE ${PROJECT_BINARY_DIR}/onethingTargets.cmake)

# What a static onething needs when a C program links it with the C linker: the C++ runtime
# libraries of the compiler that built it, minus those every C link already has.
set(ONETHING_CXX_RUNTIME_LIBRARIES ${CMAKE_CXX_IMPLICIT_LINK_LIBRARIES})
if(ONETHING_CXX_RUNTIME_LIBRARIES)
  list(REMOVE_ITEM ONETHING_CXX_RUNTIME_LIBRARIES c gcc gcc_s gcc_eh)
  list(REMOVE_DUPLICATES ONETHING_CXX_RUNTIME_LIBRARIES)
endif()

# Two config files: the build tree's also finds the header-only dependencies, which the build-tree
# export keeps in the link interface of a static onething (as $<BUILD_INTERFACE:...>).
set(ONETHING_BUILD_TREE ON)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/onethingConfig.cmake.in
  ${PROJECT_BINARY_DIR}/onethingConfig.cmake
  INSTALL_DESTINATION ${PROJECT_BINARY_DIR} INSTALL_PREFIX ${PROJECT_BINARY_DIR})
set(ONETHING_BUILD_TREE OFF)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/onethingConfig.cmake.in
  ${PROJECT_BINARY_DIR}/install-config/onethingConfig.cmake
  INSTALL_DESTINATION ${ONETHING_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/onethingConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install-config/onethingConfig.cmake
  ${PROJECT_BINARY_DIR}/onethingConfigVersion.cmake
  DESTINATION ${ONETHING_CMAKE_DIR})
