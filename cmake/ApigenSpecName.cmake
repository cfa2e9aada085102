# ApigenSpecName.cmake: reads a spec's API name at configure time, for the build's own tables of
# APIs (tools/apigen_api_table.c, tests/fuzz/fuzz_apis.c). Their C names (<name>_operations) come
# from api.name, their include paths (<stem>/<stem>.h) from the file name: the two may differ.
# Not installed: users include the header by its file name and name the API's symbols themselves.
#
#   apigen_spec_api_name(<var> <spec.yaml>)
#
# sets <var> to api.name. It reads the two spellings specs use, `api: {name: x, ...}` on one line
# and a block `api:` whose indented lines hold `name: x`; a spec written otherwise is a
# configure error naming it (YAML is the generator's to read in full: this is a pattern, kept
# narrow so that it fails loudly rather than guessing).
function(apigen_spec_api_name var spec)
  file(READ ${spec} text)
  set(text "\n${text}")
  set(flow "\napi:[ \t]*{[^}\n]*name:[ \t]*([a-z][a-z0-9_]*)")
  set(block "\napi:[ \t]*(#[^\n]*)?\n([ \t]*(#[^\n]*)?\n|[ \t]+[^\n]*\n)*[ \t]+name:[ \t]*([a-z][a-z0-9_]*)[ \t]*(#[^\n]*)?\n")
  if(text MATCHES "${flow}")
    set(${var} ${CMAKE_MATCH_1} PARENT_SCOPE)
  elseif(text MATCHES "${block}")
    set(${var} ${CMAKE_MATCH_4} PARENT_SCOPE)
  else()
    message(FATAL_ERROR "${spec}: cannot read api.name (write `api: {name: x}` or a block `api:` "
                        "with an indented `name: x` line)")
  endif()
endfunction()
