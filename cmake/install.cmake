# Install rules and the CMake package: find_package(onething CONFIG) gives onething::onething.
include(CMakePackageConfigHelpers)

set(ONETHING_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/onething)

install(TARGETS onething EXPORT onethingTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/onething DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

if(ONETHING_BUILD_CLI)
  install(TARGETS onething_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/onething/rules)

install(EXPORT onethingTargets NAMESPACE onething:: DESTINATION ${ONETHING_CMAKE_DIR})
# Usable from the build tree too.
export(EXPORT onethingTargets NAMESPACE onething:: FILE ${PROJECT_BINARY_DIR}/onethingTargets.cmake)

get_target_property(_onething_type onething TYPE)
if(_onething_type STREQUAL "STATIC_LIBRARY")
  set(ONETHING_STATIC ON)
else()
  set(ONETHING_STATIC OFF)
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/onethingConfig.cmake.in
  ${PROJECT_BINARY_DIR}/onethingConfig.cmake
  INSTALL_DESTINATION ${ONETHING_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/onethingConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/onethingConfig.cmake ${PROJECT_BINARY_DIR}/onethingConfigVersion.cmake
  DESTINATION ${ONETHING_CMAKE_DIR})
