# `cmake --install`: the bpharness CLI, the libraries and their headers, the schemas, the
# bundled suite, and the CMake package that find_package(bpharness) reads
# (cmake/bpharnessConfig.cmake.in). Headers keep their folders under include/bpharness/, so
# `#include "streams/writable.h"` reads the same inside and outside the project.
include(CMakePackageConfigHelpers)

install(TARGETS bp_streams bp_streams_uv bp_reports bp_harness bp_trace bp_cli bpharness
        EXPORT bpharnessTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT bpharnessTargets NAMESPACE bp:: DESTINATION ${BP_INSTALL_CMAKEDIR})

install(DIRECTORY streams harness reports DESTINATION ${BP_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES cli/main.h DESTINATION ${BP_INSTALL_INCLUDEDIR}/cli)

# bp::testing depends on GoogleTest: a target set of its own, loaded when the user has GTest.
if(TARGET bp_testing)
  install(TARGETS bp_testing EXPORT bpharnessTestingTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT bpharnessTestingTargets NAMESPACE bp:: DESTINATION ${BP_INSTALL_CMAKEDIR})
  install(DIRECTORY testing DESTINATION ${BP_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
endif()

install(DIRECTORY scenarios/ DESTINATION ${BP_INSTALL_SCENARIODIR} FILES_MATCHING PATTERN "*.json")
install(DIRECTORY schemas/ DESTINATION ${BP_INSTALL_SCHEMADIR} FILES_MATCHING PATTERN "*.json")

configure_package_config_file(cmake/bpharnessConfig.cmake.in
  ${PROJECT_BINARY_DIR}/bpharnessConfig.cmake
  INSTALL_DESTINATION ${BP_INSTALL_CMAKEDIR}
  PATH_VARS BP_INSTALL_SCENARIODIR BP_INSTALL_SCHEMADIR)
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bpharnessConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/bpharnessConfig.cmake
              ${PROJECT_BINARY_DIR}/bpharnessConfigVersion.cmake
              cmake/bpharnessScenarios.cmake
        DESTINATION ${BP_INSTALL_CMAKEDIR})
