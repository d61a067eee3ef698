# bp_add_scenarios(DIRECTORY dir [COMMAND exe] [PREFIX prefix] [OUT dir] [ARGS arg...])
#
# Registers each *.json scenario file of `dir` (not recursively) as a CTest test named
# PREFIX + the file's name without .json (PREFIX defaults to "scenario."). The test runs
# `exe run FILE --quiet --out OUT ARGS...`, which exits 0 only when the scenario met its
# expectation. `exe` is a target or a path; it defaults to bp::bpharness, the stock CLI; a
# project with stages of its own names its own CLI binary (examples/custom-stage/). OUT
# defaults to scenario-reports in the current binary folder. Shipped in the bpharness CMake
# package and used by bpharness's own tests, so there is one implementation.
function(bp_add_scenarios)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIRECTORY;COMMAND;PREFIX;OUT" "ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bp_add_scenarios: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_DIRECTORY)
    message(FATAL_ERROR "bp_add_scenarios: DIRECTORY is required")
  endif()
  if(NOT arg_COMMAND)
    set(arg_COMMAND bp::bpharness)
  endif()
  if(NOT DEFINED arg_PREFIX)
    set(arg_PREFIX scenario.)
  endif()
  if(NOT arg_OUT)
    set(arg_OUT ${CMAKE_CURRENT_BINARY_DIR}/scenario-reports)
  endif()
  if(TARGET ${arg_COMMAND})
    set(command $<TARGET_FILE:${arg_COMMAND}>)
  else()
    set(command ${arg_COMMAND})
  endif()

  get_filename_component(dir "${arg_DIRECTORY}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB files CONFIGURE_DEPENDS ${dir}/*.json)
  if(NOT files)
    message(FATAL_ERROR "bp_add_scenarios: no *.json scenario files in ${dir}")
  endif()
  foreach(file ${files})
    get_filename_component(name ${file} NAME_WLE)
    add_test(NAME ${arg_PREFIX}${name}
             COMMAND ${command} run ${file} --quiet --out ${arg_OUT} ${arg_ARGS})
  endforeach()
endfunction()
