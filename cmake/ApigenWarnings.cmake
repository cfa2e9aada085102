# apigen_warnings(target): the house warning set, as errors, for gcc and clang.
function(apigen_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
endfunction()
