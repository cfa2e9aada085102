# apigen_generate(): generate C from apigen specs at build time and compile it.
#
#   apigen_generate(<target>
#     SPECS <spec.yaml>...        one YAML spec per API; a relative path is relative to
#                                 CMAKE_CURRENT_SOURCE_DIR; a missing one is a configure error
#     [OUTDIR <dir>]              where <stem>/<stem>.{h,c,examples.json,schema.json} are
#                                 written; default ${CMAKE_CURRENT_BINARY_DIR}; a relative path
#                                 is relative to CMAKE_CURRENT_BINARY_DIR
#     [TEMPLATES <dir>]           templates overriding the generator's own (a relative path is
#                                 relative to CMAKE_CURRENT_SOURCE_DIR); default: none
#     [CLIENT ON|OFF|AUTO]        the libcurl transport (apigen::client): ON requires libcurl
#                                 >= 7.85, AUTO (default) links it where pkg-config finds that
#     [GENERATOR <apigen>])       an executable target or a path; default: apigen::apigen
#                                 (find_package(apigen CONFIG)), else the apigen found on PATH
#
# Creates static library <target> from the generated sources; link it and include
# "<stem>/<stem>.h". A spec named x.yaml generates <OUTDIR>/x/x.h and x.c, plus x.examples.json
# (the documented examples) and x.schema.json (JSON Schema of its models). <target> links
# apigen::runtime PUBLIC (cJSON, PCRE2 and the runtime's include folder with it) and, with the
# transport, apigen::client (libcurl, the threads library) too; its target property
# APIGEN_CLIENT is then ON.
#
# The runtime is one library per project, however many apigen_generate() targets use it, so
# that two of them link into one program without defining its functions twice:
#
#   apigen_add_runtime()
#
# creates (once; apigen_generate calls it) the static libraries apigen_runtime (ALIAS
# apigen::runtime) and, where pkg-config finds libcurl >= 7.85, apigen_client (ALIAS
# apigen::client: the transport, linking apigen_runtime; built only when something links it),
# compiled from the runtime sources in APIGEN_RUNTIME_DIR (the installed package sets it to
# <prefix>/share/apigen/templates/runtime; included from a source tree, that tree's
# templates/runtime).
#
# Each spec is one build step: `apigen generate --no-runtime --depfile <stamp>.d -o OUTDIR
# [--templates TEMPLATES] <spec>`, whose output is the depfile (it lists the spec, every
# template and partial the run read and the TEMPLATES folder; CMake's DEPFILE under Ninja, the
# template files themselves under the Makefile generators: see below), whose byproducts are the
# spec's files.
# So editing one spec regenerates that spec alone, a file whose bytes did not change keeps its
# time (nothing recompiles for it), and a rebuild without changes runs nothing. A spec error
# fails the build with the generator's file:line:col diagnostic and leaves the outputs as they
# were (the generator replaces all of a spec's files or none); fixing the spec is enough.
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
# ... and APIGEN_RUNTIME_DIR to its runtime sources; a source tree has them in templates/runtime.
if(NOT DEFINED APIGEN_RUNTIME_DIR)
  set(APIGEN_RUNTIME_DIR ${CMAKE_CURRENT_LIST_DIR}/../templates/runtime)
endif()
get_filename_component(APIGEN_RUNTIME_DIR ${APIGEN_RUNTIME_DIR} ABSOLUTE)
# ... and APIGEN_TEMPLATES_DIR to the generator's own templates (what it reads without
# --templates); a source tree has them in templates/.
if(NOT DEFINED APIGEN_TEMPLATES_DIR)
  set(APIGEN_TEMPLATES_DIR ${CMAKE_CURRENT_LIST_DIR}/../templates)
endif()
get_filename_component(APIGEN_TEMPLATES_DIR ${APIGEN_TEMPLATES_DIR} ABSOLUTE)

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

# cJSON, PCRE2 and (asked with curl) libcurl >= 7.85 as global imported targets
# PkgConfig::APIGEN_GEN_*, found once per build.
macro(apigen_find_dependencies curl)
  if(NOT TARGET PkgConfig::APIGEN_GEN_CJSON)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(APIGEN_GEN_CJSON REQUIRED IMPORTED_TARGET GLOBAL libcjson)
    pkg_check_modules(APIGEN_GEN_PCRE2 REQUIRED IMPORTED_TARGET GLOBAL libpcre2-8)
  endif()
  if(${curl} AND NOT TARGET PkgConfig::APIGEN_GEN_CURL)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(APIGEN_GEN_CURL QUIET IMPORTED_TARGET GLOBAL libcurl>=7.85.0)
  endif()
endmacro()

function(apigen_add_runtime)
  if(TARGET apigen_runtime)
    return()
  endif()
  if(NOT EXISTS ${APIGEN_RUNTIME_DIR}/apigen_rt.h)
    message(FATAL_ERROR "apigen: no runtime in APIGEN_RUNTIME_DIR=${APIGEN_RUNTIME_DIR} (apigen_rt.h)")
  endif()
  # The table's runtime rows name the files below <outdir>/runtime/; here they are in
  # APIGEN_RUNTIME_DIR, whatever its name.
  apigen_output_paths(files sources /apigen-runtime)
  list(TRANSFORM sources REPLACE "^/apigen-runtime/runtime/" "${APIGEN_RUNTIME_DIR}/")
  list(TRANSFORM sources_CLIENT REPLACE "^/apigen-runtime/runtime/" "${APIGEN_RUNTIME_DIR}/")
  apigen_find_dependencies(ON)
  add_library(apigen_runtime STATIC ${sources})
  add_library(apigen::runtime ALIAS apigen_runtime)
  target_include_directories(apigen_runtime PUBLIC ${APIGEN_RUNTIME_DIR})
  target_link_libraries(apigen_runtime PUBLIC PkgConfig::APIGEN_GEN_CJSON PkgConfig::APIGEN_GEN_PCRE2)
  set_target_properties(apigen_runtime PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
  if(TARGET PkgConfig::APIGEN_GEN_CURL)
    find_package(Threads REQUIRED)
    add_library(apigen_client STATIC EXCLUDE_FROM_ALL ${sources_CLIENT})
    add_library(apigen::client ALIAS apigen_client)
    target_link_libraries(apigen_client PUBLIC apigen_runtime PkgConfig::APIGEN_GEN_CURL
                          Threads::Threads)
    set_target_properties(apigen_client PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
  endif()
endfunction()

# Deferred by apigen_generate(): an executable target named <stem> whose file would be written
# in <outdir> (no RUNTIME_OUTPUT_DIRECTORY elsewhere) would be linked onto the folder of the
# spec's outputs, <outdir>/<stem>/, and fail with "cannot open output file: Is a directory".
# Stops the configuration naming both and the two ways out.
function(apigen_i_check_folder target spec outdir stem)
  if(NOT TARGET ${stem})
    return()
  endif()
  get_target_property(type ${stem} TYPE)
  get_target_property(name ${stem} OUTPUT_NAME)
  get_target_property(dir ${stem} RUNTIME_OUTPUT_DIRECTORY)
  if(NOT name)
    set(name ${stem})
  endif()
  if(NOT dir)
    get_target_property(dir ${stem} BINARY_DIR)
  endif()
  get_filename_component(dir ${dir} ABSOLUTE)
  if(type STREQUAL "EXECUTABLE" AND name STREQUAL stem AND dir STREQUAL outdir)
    message(FATAL_ERROR "apigen_generate(${target}): the executable '${stem}' would be written "
            "to ${outdir}/${stem}, the folder of the C generated from ${spec}: name the "
            "executable otherwise, or give apigen_generate() an OUTDIR (such as OUTDIR apigen)")
  endif()
endfunction()

# A path the build tools cannot carry: GNU make splits rules at ':', and CMake's depfile
# rewriting for Ninja (3.25) loses '#', '$', quotes and '*', so such a build would fail or rerun
# every time. Stops the configuration naming the path and the argument.
function(apigen_i_check_path target what path)
  if(path MATCHES "[:#$'\"*\\\n]")
    message(FATAL_ERROR "apigen_generate(${target}): ${what} '${path}' holds one of : # $ ' \" * \\ "
            "or a newline, which make or ninja cannot carry in a rule: move or rename it")
  endif()
endfunction()

function(apigen_generate target)
  cmake_parse_arguments(ARG "" "OUTDIR;GENERATOR;TEMPLATES;CLIENT" "SPECS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "apigen_generate(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_SPECS)
    message(FATAL_ERROR "apigen_generate(${target}): SPECS is required")
  endif()
  if(NOT ARG_OUTDIR)
    set(ARG_OUTDIR ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  get_filename_component(ARG_OUTDIR ${ARG_OUTDIR} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  if("${ARG_CLIENT}" STREQUAL "")
    set(ARG_CLIENT AUTO)
  endif()
  string(TOUPPER "${ARG_CLIENT}" ARG_CLIENT)
  # CMake's boolean words (if(<constant>)) as ON and OFF, beside AUTO.
  if(ARG_CLIENT MATCHES "^(1|ON|YES|TRUE|Y)$")
    set(ARG_CLIENT ON)
  elseif(ARG_CLIENT MATCHES "^(0|OFF|NO|FALSE|N)$")
    set(ARG_CLIENT OFF)
  elseif(NOT ARG_CLIENT STREQUAL "AUTO")
    message(FATAL_ERROR "apigen_generate(${target}): CLIENT is ON, OFF or AUTO, not ${ARG_CLIENT}")
  endif()
  if(NOT ARG_GENERATOR AND TARGET apigen::apigen) # find_package(apigen CONFIG)
    set(ARG_GENERATOR apigen::apigen)
  elseif(NOT ARG_GENERATOR)
    find_program(APIGEN_EXECUTABLE apigen REQUIRED)
    set(ARG_GENERATOR ${APIGEN_EXECUTABLE})
  elseif(ARG_GENERATOR MATCHES "^\\$<") # a generator expression: known at generation time
  elseif(NOT TARGET ${ARG_GENERATOR} AND NOT IS_ABSOLUTE ${ARG_GENERATOR})
    message(FATAL_ERROR "apigen_generate(${target}): GENERATOR ${ARG_GENERATOR} is neither a "
            "target nor an absolute path")
  elseif(NOT TARGET ${ARG_GENERATOR} AND NOT EXISTS ${ARG_GENERATOR})
    message(FATAL_ERROR "apigen_generate(${target}): GENERATOR ${ARG_GENERATOR} does not exist")
  endif()
  apigen_i_check_path(${target} OUTDIR "${ARG_OUTDIR}")
  set(template_args)
  set(template_deps)
  if(ARG_TEMPLATES)
    get_filename_component(ARG_TEMPLATES ${ARG_TEMPLATES} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT IS_DIRECTORY ${ARG_TEMPLATES})
      message(FATAL_ERROR "apigen_generate(${target}): TEMPLATES ${ARG_TEMPLATES} is not a folder")
    endif()
    apigen_i_check_path(${target} TEMPLATES "${ARG_TEMPLATES}")
    set(template_args --templates ${ARG_TEMPLATES})
    # The depfile names the templates a run read; the folder's files are dependencies too, so
    # that a template added to it (overriding a built-in one the last run read) reruns it. Its
    # runtime/ folder is not read (--no-runtime: apigen::runtime is compiled from
    # APIGEN_RUNTIME_DIR).
    file(GLOB template_deps LIST_DIRECTORIES false CONFIGURE_DEPENDS ${ARG_TEMPLATES}/*)
    list(APPEND template_deps ${ARG_TEMPLATES}) # its time: an override removed
    if(IS_DIRECTORY ${ARG_TEMPLATES}/runtime)
      get_filename_component(rt ${ARG_TEMPLATES}/runtime REALPATH)
      get_filename_component(used ${APIGEN_RUNTIME_DIR} REALPATH)
      if(NOT rt STREQUAL used)
        message(WARNING "apigen_generate(${target}): ${ARG_TEMPLATES}/runtime is not used: the "
                "runtime library (apigen::runtime) is compiled from APIGEN_RUNTIME_DIR=${APIGEN_RUNTIME_DIR}; "
                "set APIGEN_RUNTIME_DIR before the first apigen_generate() to use another runtime")
      endif()
    endif()
  endif()

  # What a step depends on beyond the depfile it writes (its stamp): Ninja reads the depfile
  # (DEPFILE); under the Makefile generators the step depends on apigen's own template files
  # instead, because CMake 3.25's Makefile generators add each run's depfile to the dependencies
  # they keep (CMakeFiles/<t>.dir/compiler_depend.internal) rather than replacing them, so a
  # template an earlier run read and that is gone since (an override removed, an install moved)
  # would rerun the step in every build.
  set(depfile_option)
  set(builtin_deps)
  if(CMAKE_GENERATOR MATCHES "Makefiles")
    file(GLOB builtin_deps LIST_DIRECTORIES false CONFIGURE_DEPENDS ${APIGEN_TEMPLATES_DIR}/*.mustache)
  endif()

  apigen_output_paths(runtime_outputs runtime_sources ${ARG_OUTDIR})
  set(stamps)
  set(sources)
  foreach(spec IN LISTS ARG_SPECS)
    get_filename_component(spec ${spec} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT EXISTS ${spec} OR IS_DIRECTORY ${spec})
      message(FATAL_ERROR "apigen_generate(${target}): spec ${spec} not found")
    endif()
    apigen_i_check_path(${target} spec "${spec}")
    get_filename_component(stem ${spec} NAME_WE)
    get_filename_component(name ${spec} NAME)
    # The generator's rule for the stem (bad_stem in generator/main.c), said at configure time.
    if(NOT stem MATCHES "^[A-Za-z0-9_][A-Za-z0-9_-]*$" OR stem STREQUAL "runtime")
      message(FATAL_ERROR "apigen_generate(${target}): ${spec}: the file name up to its first '.' "
              "names the output folder; it must be letters, digits, '_' and '-', not start with "
              "'-', and not be 'runtime'")
    endif()
    # Two specs writing into one folder would overwrite each other's files, whichever target
    # they are in.
    get_property(claimed GLOBAL PROPERTY APIGEN_GENERATED_DIRS)
    list(FIND claimed ${ARG_OUTDIR}/${stem} at)
    if(NOT at EQUAL -1)
      get_property(owners GLOBAL PROPERTY APIGEN_GENERATED_SPECS)
      list(GET owners ${at} owner)
      message(FATAL_ERROR "apigen_generate(${target}): ${spec} generates into ${ARG_OUTDIR}/${stem}, "
              "as ${owner} does: give one of them another OUTDIR or file name")
    endif()
    set_property(GLOBAL APPEND PROPERTY APIGEN_GENERATED_DIRS ${ARG_OUTDIR}/${stem})
    set_property(GLOBAL APPEND PROPERTY APIGEN_GENERATED_SPECS ${spec})
    # Checked once this folder's CMakeLists.txt is read (executables usually come after):
    # an executable named as the spec's folder. Deferred arguments are evaluated when the call
    # runs, so EVAL spells today's values into it.
    cmake_language(EVAL CODE "cmake_language(DEFER CALL apigen_i_check_folder [[${target}]] [[${spec}]] [[${ARG_OUTDIR}]] [[${stem}]])")

    apigen_output_paths(outputs spec_sources ${ARG_OUTDIR} ${spec})
    list(REMOVE_ITEM outputs ${runtime_outputs})
    list(REMOVE_ITEM spec_sources ${runtime_sources})
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.apigen/${stem}.d)
    if(NOT CMAKE_GENERATOR MATCHES "Makefiles")
      set(depfile_option DEPFILE ${stamp})
    endif()
    # CMP0116 NEW: a DEPFILE's relative paths are relative to the current binary folder under
    # every generator, and Ninja is given the stamp's path as it knows it (the depfile names
    # absolute paths).
    cmake_policy(PUSH)
    cmake_policy(SET CMP0116 NEW)
    add_custom_command(
      OUTPUT ${stamp}
      BYPRODUCTS ${outputs}
      COMMAND ${ARG_GENERATOR} generate --no-runtime --depfile ${stamp} -o ${ARG_OUTDIR}
              ${template_args} ${spec}
      DEPENDS ${spec} ${template_deps} ${builtin_deps} ${ARG_GENERATOR}
      ${depfile_option}
      COMMENT "Generating C from ${name} (apigen)"
      VERBATIM)
    cmake_policy(POP)
    list(APPEND stamps ${stamp})
    list(APPEND sources ${spec_sources})
  endforeach()
  add_custom_target(${target}_generate DEPENDS ${stamps})
  add_library(${target} STATIC ${sources})
  add_dependencies(${target} ${target}_generate)
  target_include_directories(${target} PUBLIC ${ARG_OUTDIR})
  apigen_add_runtime()
  target_link_libraries(${target} PUBLIC apigen::runtime)
  if(ARG_CLIENT STREQUAL "ON" AND NOT TARGET apigen::client)
    message(FATAL_ERROR "apigen_generate(${target} CLIENT ON): libcurl 7.85 or later not found by pkg-config")
  endif()
  if(NOT ARG_CLIENT STREQUAL "OFF" AND TARGET apigen::client)
    target_link_libraries(${target} PUBLIC apigen::client)
    set_property(TARGET ${target} PROPERTY APIGEN_CLIENT ON)
  endif()
endfunction()
