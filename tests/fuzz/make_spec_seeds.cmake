# cmake -DOUT=<dir> -DINPUTS=<a.yaml;b.yaml;...> -P make_spec_seeds.cmake
# The seed corpus of fuzz_spec: each input as it is, and with its api.name rewritten to
# `fuzz` (the harness names every input fuzz.yaml, and the checker wants the two equal).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
foreach(input IN LISTS INPUTS)
  get_filename_component(stem ${input} NAME_WE)
  get_filename_component(dir ${input} DIRECTORY)
  get_filename_component(dir ${dir} NAME)
  file(READ ${input} text)
  file(WRITE ${OUT}/${dir}-${stem}.yaml "${text}")
  # `api:\n  name: x` (block style) and `api: {name: x}` (flow style).
  string(REGEX REPLACE "(\napi:\n +name: )[a-z0-9_]+" "\\1fuzz" renamed "${text}")
  string(REGEX REPLACE "(\napi: {name: )[a-z0-9_]+" "\\1fuzz" renamed "${renamed}")
  if(NOT renamed STREQUAL text)
    file(WRITE ${OUT}/${dir}-${stem}-as-fuzz.yaml "${renamed}")
  endif()
endforeach()
