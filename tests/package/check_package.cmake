# Run by the package.custom-stage test (cmake -P): install BUILD_DIR into WORK_DIR/prefix, check
# the installed CLI on the installed suite (also after moving the install), then configure, build and test EXAMPLE_DIR with
# CMAKE_PREFIX_PATH set to that prefix alone. Any failing step fails the test.
foreach(var BUILD_DIR EXAMPLE_DIR WORK_DIR CXX_COMPILER)
  if(NOT ${var})
    message(FATAL_ERROR "check_package.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

function(step)
  message(STATUS "check_package: ${ARGV}")
  execute_process(COMMAND ${ARGV} COMMAND_ERROR_IS_FATAL ANY)
endfunction()

step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
step(${prefix}/bin/bpharness validate ${prefix}/share/bpharness/scenarios)

# A moved install still finds its own bundled suite (beside the binary), not the source's.
set(moved ${WORK_DIR}/moved)
file(RENAME ${prefix} ${moved})
execute_process(COMMAND ${moved}/bin/bpharness list OUTPUT_VARIABLE listed COMMAND_ERROR_IS_FATAL ANY)
file(RENAME ${moved} ${prefix})
if(NOT listed MATCHES "\\(${moved}/share/bpharness/scenarios/[^)]+\\.json\\)")
  message(FATAL_ERROR "check_package: the moved install did not list its own suite:\n${listed}")
endif()

step(${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${build}
     -DCMAKE_PREFIX_PATH=${prefix}
     -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
     -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER}
     -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
# The package must come from the fresh prefix, not from anywhere else on the machine.
file(STRINGS ${build}/CMakeCache.txt found REGEX "^bpharness_DIR:")
file(REAL_PATH ${prefix} real_prefix)
if(NOT found MATCHES "=${real_prefix}/" AND NOT found MATCHES "=${prefix}/")
  message(FATAL_ERROR "check_package: bpharness was found outside ${prefix}: ${found}")
endif()

step(${CMAKE_COMMAND} --build ${build} -j2)
step(${CMAKE_CTEST_COMMAND} --test-dir ${build} --output-on-failure)
