# apigen_generate(): generate C from apigen specs at build time and compile it.
#
#   apigen_generate(<target>
#     SPECS <spec.yaml>...        one YAML spec per API
#     OUTDIR <dir>                where <stem>/<stem>.{h,c} and runtime/ are written
#     [GENERATOR <apigen>]        default: the apigen found on PATH
#     [TEMPLATES <dir>])          default: the generator's own templates
#
# Creates static library <target> from the generated sources; link it and include
# "<stem>/<stem>.h". A spec named x.yaml generates <OUTDIR>/x/x.h and x.c, plus
# x.examples.json (the documented examples) and x.schema.json (JSON Schema of its models).
function(apigen_generate target)
  cmake_parse_arguments(ARG "" "OUTDIR;GENERATOR;TEMPLATES" "SPECS" ${ARGN})
  if(NOT ARG_SPECS OR NOT ARG_OUTDIR)
    message(FATAL_ERROR "apigen_generate: SPECS and OUTDIR are required")
  endif()
  if(NOT ARG_GENERATOR)
    find_program(APIGEN_EXECUTABLE apigen REQUIRED)
    set(ARG_GENERATOR ${APIGEN_EXECUTABLE})
  endif()
  set(template_args)
  set(template_deps)
  if(ARG_TEMPLATES)
    set(template_args --templates ${ARG_TEMPLATES})
    file(GLOB_RECURSE template_deps CONFIGURE_DEPENDS ${ARG_TEMPLATES}/*)
  endif()
  set(outputs ${ARG_OUTDIR}/runtime/apigen_rt.h ${ARG_OUTDIR}/runtime/apigen_rt.c)
  set(sources ${ARG_OUTDIR}/runtime/apigen_rt.c)
  foreach(spec IN LISTS ARG_SPECS)
    get_filename_component(stem ${spec} NAME_WE)
    list(APPEND outputs ${ARG_OUTDIR}/${stem}/${stem}.h ${ARG_OUTDIR}/${stem}/${stem}.c
      ${ARG_OUTDIR}/${stem}/${stem}.examples.json ${ARG_OUTDIR}/${stem}/${stem}.schema.json)
    list(APPEND sources ${ARG_OUTDIR}/${stem}/${stem}.c)
  endforeach()
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
endfunction()
