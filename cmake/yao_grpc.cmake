# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# yao_grpc_generate(<target> PROTO_ROOT <dir> PROTOS <files>... [GRPC_ONLY] [LINK <targets>...])
#
# Runs protoc with grpc_cpp_plugin over PROTOS (paths under PROTO_ROOT, which is also the import
# root) and builds the generated C++ into the static library <target>, compiled without the
# project's warning flags. Its include directory (the generated headers, rooted like the .proto
# files: <yao/v1/x.grpc.pb.h>) is a SYSTEM include of whoever links it; link it PRIVATE from a
# `grpc/` adapter library so no other folder sees protobuf or gRPC headers.
#   GRPC_ONLY  generate only the service stubs (*.grpc.pb.*): the messages come from a library in
#              LINK that already compiles them (e.g. yao_proto_gen for proto/yao/v1), so no
#              message is defined twice.
#   LINK       libraries the generated code needs (message libraries of imported .proto files).
# Needs find_package(Protobuf) and find_package(gRPC CONFIG) in the top-level CMakeLists.txt.

function(yao_grpc_generate target)
  cmake_parse_arguments(ARG "GRPC_ONLY" "PROTO_ROOT" "PROTOS;LINK" ${ARGN})
  if(NOT ARG_PROTO_ROOT OR NOT ARG_PROTOS)
    message(FATAL_ERROR "yao_grpc_generate(${target}): PROTO_ROOT and PROTOS are required")
  endif()
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/${target})
  file(MAKE_DIRECTORY ${gen_dir})

  set(generated "")
  foreach(proto IN LISTS ARG_PROTOS)
    cmake_path(ABSOLUTE_PATH proto BASE_DIRECTORY ${ARG_PROTO_ROOT} NORMALIZE)
    file(RELATIVE_PATH rel ${ARG_PROTO_ROOT} ${proto})
    string(REGEX REPLACE "\\.proto$" "" stem ${rel})
    set(outputs ${gen_dir}/${stem}.grpc.pb.cc ${gen_dir}/${stem}.grpc.pb.h)
    set(cpp_out "")
    if(NOT ARG_GRPC_ONLY)
      list(APPEND outputs ${gen_dir}/${stem}.pb.cc ${gen_dir}/${stem}.pb.h)
      set(cpp_out --cpp_out=${gen_dir})
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc ${cpp_out} --grpc_out=${gen_dir}
              --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
              -I${ARG_PROTO_ROOT} ${proto}
      DEPENDS ${proto} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc (grpc) ${rel}"
      VERBATIM)
    list(APPEND generated ${outputs})
  endforeach()

  add_library(${target} STATIC ${generated})
  target_include_directories(${target} SYSTEM PUBLIC ${gen_dir})
  target_link_libraries(${target} PUBLIC ${ARG_LINK} protobuf::libprotobuf gRPC::grpc++)
endfunction()
