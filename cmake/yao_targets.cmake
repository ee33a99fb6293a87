# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# yao_module(<name> [DEPS <targets>...] [TEST_DEPS <targets>...] [BENCH_DEPS <targets>...])
#
# Turns the current folder into up to three targets by file suffix:
#   yao_<name>        a static library of every *.cpp that is not *_test.cpp or *_bench.cpp
#   yao_<name>_test   a GoogleTest executable of every *_test.cpp, registered with CTest
#   yao_<name>_bench  a Google Benchmark executable of every *_bench.cpp
# Includes are rooted at the project folder: #include <yao/common/hex.hpp>.

set(YAO_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)

function(yao_compile_options target)
  target_compile_options(${target} PRIVATE ${YAO_WARNINGS})
  if(YAO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(yao_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS;BENCH_DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(lib_sources "")
  set(test_sources "")
  set(bench_sources "")
  foreach(src IN LISTS all_sources)
    if(src MATCHES "_test\\.cpp$")
      list(APPEND test_sources ${src})
    elseif(src MATCHES "_bench\\.cpp$")
      list(APPEND bench_sources ${src})
    else()
      list(APPEND lib_sources ${src})
    endif()
  endforeach()

  set(lib yao_${name})
  if(lib_sources)
    add_library(${lib} STATIC ${lib_sources})
    target_include_directories(${lib} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${lib} PUBLIC ${ARG_DEPS})
    yao_compile_options(${lib})
  else()
    add_library(${lib} INTERFACE)
    target_include_directories(${lib} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${lib} INTERFACE ${ARG_DEPS})
  endif()

  if(YAO_BUILD_TESTS AND test_sources)
    add_executable(${lib}_test ${test_sources})
    target_link_libraries(${lib}_test PRIVATE ${lib} ${ARG_TEST_DEPS} GTest::gtest GTest::gtest_main)
    yao_compile_options(${lib}_test)
    target_compile_definitions(${lib}_test PRIVATE YAO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    add_test(NAME ${name} COMMAND ${lib}_test --gtest_brief=1)
  endif()

  if(YAO_BUILD_BENCH AND bench_sources)
    add_executable(${lib}_bench ${bench_sources})
    target_link_libraries(${lib}_bench PRIVATE ${lib} ${ARG_BENCH_DEPS} benchmark::benchmark benchmark::benchmark_main)
    yao_compile_options(${lib}_bench)
    set_property(GLOBAL APPEND PROPERTY YAO_BENCH_TARGETS ${lib}_bench)
  endif()
endfunction()
