# apigen_generate(): generate C from apigen specs at build time and compile it.
#
#   apigen_generate(<target>
#     SPECS <spec.yaml>...        one YAML spec per API
#     OUTDIR <dir>                where <stem>/<stem>.{h,c} and runtime/ are written
#     [GENERATOR <apigen>]        default: apigen::apigen (find_package(apigen CONFIG)), else
#                                 the apigen found on PATH
#     [TEMPLATES <dir>]           default: the generator's own templates
#     [CLIENT ON|OFF|AUTO])       the libcurl transport (runtime/apigen_client.c): ON requires
#                                 libcurl >= 7.85, AUTO (default) compiles it where pkg-config
#                                 finds that
#
# Creates static library <target> from the generated sources; link it and include
# "<stem>/<stem>.h". A spec named x.yaml generates <OUTDIR>/x/x.h and x.c, plus x.examples.json
# (the documented examples) and x.schema.json (JSON Schema of its models). With the transport,
# <target> also links libcurl and the threads library, and its target property APIGEN_CLIENT is
# ON.
#
# What a run writes is read from the generator's one table of outputs (generator/outputs.def):
#
#   apigen_output_paths(<outputs> <sources> <outdir> [<spec.yaml>...])
#
# sets <outputs> to every file `apigen generate -o <outdir> <spec.yaml>...` writes (the runtime's
# <outdir>/runtime/<file>, then each spec's <outdir>/<stem>/<stem><suffix>), <sources> to
# those that are C sources to compile always, and <sources>_CLIENT to those compiled only where
# libcurl is found (compiled = 2: the transport); a retired file (APIGEN_RUNTIME_RETIRED: the
# run removes it) is in none. Without specs: the runtime alone, so that
# apigen_output_paths(files sources <apigen>/templates) names the runtime's own source files.

# The installed package (apigenConfig.cmake) sets APIGEN_OUTPUTS_DEF to its own copy first.
if(NOT DEFINED APIGEN_OUTPUTS_DEF)
  set(APIGEN_OUTPUTS_DEF ${CMAKE_CURRENT_LIST_DIR}/../generator/outputs.def)
endif()
get_filename_component(APIGEN_OUTPUTS_DEF ${APIGEN_OUTPUTS_DEF} ABSOLUTE)

# One row of the table ("<path below outdir, or suffix>:<compiled>") below path, appended to
# outputs and, when compiled, to sources (the variables of apigen_output_paths).
macro(apigen_output_row path row)
  string(REGEX MATCH "^(.*):([012])$" matched ${row})
  list(APPEND outputs ${path}${CMAKE_MATCH_1})
  if(CMAKE_MATCH_2 EQUAL 1)
    list(APPEND sources ${path}${CMAKE_MATCH_1})
  elseif(CMAKE_MATCH_2 EQUAL 2)
    list(APPEND client_sources ${path}${CMAKE_MATCH_1})
  endif()
endmacro()

function(apigen_output_paths outputs_var sources_var outdir)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${APIGEN_OUTPUTS_DEF})
  file(STRINGS ${APIGEN_OUTPUTS_DEF} rows REGEX "^APIGEN_")
  set(runtime_rows)
  set(spec_rows)
  set(retired_rows)
  foreach(row IN LISTS rows)
    if(row MATCHES "^APIGEN_SPEC_(TEMPLATE|BUILTIN)\\([^,]+, *\"([^\"/]+)\", *([01])\\)$")
      list(APPEND spec_rows "${CMAKE_MATCH_2}:${CMAKE_MATCH_3}")
    elseif(row MATCHES "^APIGEN_RUNTIME\\(\"([^\"/]+)\", *([012])\\)$")
      list(APPEND runtime_rows "runtime/${CMAKE_MATCH_1}:${CMAKE_MATCH_2}")
    elseif(row MATCHES "^APIGEN_RUNTIME_RETIRED\\(\"([^\"/]+)\"\\)$")
      # Removed by a run, neither written nor compiled: only checked not to be an output too.
      list(APPEND retired_rows "runtime/${CMAKE_MATCH_1}")
    else()
      message(FATAL_ERROR "${APIGEN_OUTPUTS_DEF}: cannot read the row '${row}'")
    endif()
  endforeach()
  if(NOT spec_rows OR NOT runtime_rows)
    message(FATAL_ERROR "${APIGEN_OUTPUTS_DEF}: no spec outputs or no runtime files")
  endif()
  foreach(retired IN LISTS retired_rows)
    if("${retired}:0" IN_LIST runtime_rows OR "${retired}:1" IN_LIST runtime_rows OR
       "${retired}:2" IN_LIST runtime_rows)
      message(FATAL_ERROR "${APIGEN_OUTPUTS_DEF}: ${retired} is both written and retired")
    endif()
  endforeach()
  set(outputs)
  set(sources)
  set(client_sources)
  foreach(row IN LISTS runtime_rows)
    apigen_output_row(${outdir}/ ${row})
  endforeach()
  foreach(spec IN LISTS ARGN)
    get_filename_component(stem ${spec} NAME_WE)
    foreach(row IN LISTS spec_rows)
      apigen_output_row(${outdir}/${stem}/${stem} ${row})
    endforeach()
  endforeach()
  set(${outputs_var} ${outputs} PARENT_SCOPE)
  set(${sources_var} ${sources} PARENT_SCOPE)
  set(${sources_var}_CLIENT ${client_sources} PARENT_SCOPE)
endfunction()

function(apigen_generate target)
  cmake_parse_arguments(ARG "" "OUTDIR;GENERATOR;TEMPLATES;CLIENT" "SPECS" ${ARGN})
  if(NOT ARG_SPECS OR NOT ARG_OUTDIR)
    message(FATAL_ERROR "apigen_generate: SPECS and OUTDIR are required")
  endif()
  if("${ARG_CLIENT}" STREQUAL "")
    set(ARG_CLIENT AUTO)
  endif()
  string(TOUPPER "${ARG_CLIENT}" ARG_CLIENT)
  if(NOT ARG_CLIENT MATCHES "^(ON|OFF|AUTO)$")
    message(FATAL_ERROR "apigen_generate: CLIENT is ON, OFF or AUTO, not ${ARG_CLIENT}")
  endif()
  if(NOT ARG_GENERATOR AND TARGET apigen::apigen) # find_package(apigen CONFIG)
    get_target_property(ARG_GENERATOR apigen::apigen IMPORTED_LOCATION)
  elseif(NOT ARG_GENERATOR)
    find_program(APIGEN_EXECUTABLE apigen REQUIRED)
    set(ARG_GENERATOR ${APIGEN_EXECUTABLE})
  endif()
  set(template_args)
  set(template_deps)
  if(ARG_TEMPLATES)
    set(template_args --templates ${ARG_TEMPLATES})
    file(GLOB_RECURSE template_deps CONFIGURE_DEPENDS ${ARG_TEMPLATES}/*)
  endif()
  apigen_output_paths(outputs sources ${ARG_OUTDIR} ${ARG_SPECS})
  # The generator leaves unchanged files alone (their timestamps stay), so the build tracks
  # a stamp instead; the generated files are byproducts.
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.apigen-stamp)
  add_custom_command(
    OUTPUT ${stamp}
    BYPRODUCTS ${outputs}
    COMMAND ${ARG_GENERATOR} generate -o ${ARG_OUTDIR} ${template_args} ${ARG_SPECS}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${ARG_SPECS} ${template_deps} ${ARG_GENERATOR}
    COMMENT "apigen: generating C from ${ARG_SPECS}"
    VERBATIM)
  add_custom_target(${target}_generate DEPENDS ${stamp})
  add_library(${target} STATIC ${sources})
  add_dependencies(${target} ${target}_generate)
  target_include_directories(${target} PUBLIC ${ARG_OUTDIR} ${ARG_OUTDIR}/runtime)
  if(NOT TARGET PkgConfig::APIGEN_GEN_CJSON)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(APIGEN_GEN_CJSON REQUIRED IMPORTED_TARGET GLOBAL libcjson)
    pkg_check_modules(APIGEN_GEN_PCRE2 REQUIRED IMPORTED_TARGET GLOBAL libpcre2-8)
  endif()
  target_link_libraries(${target} PUBLIC PkgConfig::APIGEN_GEN_CJSON PkgConfig::APIGEN_GEN_PCRE2)
  # The transport: libcurl (found once per build, as the two above) and the threads library.
  if(NOT ARG_CLIENT STREQUAL "OFF")
    if(NOT TARGET PkgConfig::APIGEN_GEN_CURL)
      find_package(PkgConfig REQUIRED)
      pkg_check_modules(APIGEN_GEN_CURL QUIET IMPORTED_TARGET GLOBAL libcurl>=7.85.0)
    endif()
    if(NOT TARGET PkgConfig::APIGEN_GEN_CURL AND ARG_CLIENT STREQUAL "ON")
      message(FATAL_ERROR "apigen_generate(${target} CLIENT ON): libcurl 7.85 or later not found by pkg-config")
    endif()
    if(TARGET PkgConfig::APIGEN_GEN_CURL)
      find_package(Threads REQUIRED)
      target_sources(${target} PRIVATE ${sources_CLIENT})
      target_link_libraries(${target} PUBLIC PkgConfig::APIGEN_GEN_CURL Threads::Threads)
      set_property(TARGET ${target} PROPERTY APIGEN_CLIENT ON)
    endif()
  endif()
endfunction()
