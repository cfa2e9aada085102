# libc_def.awk: "NAME KIND[,KIND]" lines of libc_names.mjs -> LIBC rows of generator/names_libc.def
{ n = split($2, k, ","); f = "";
  for (i = 1; i <= n; i++) f = f (f == "" ? "" : " | ") (k[i] == "macro" ? "NAMES_MACRO" : k[i] == "type" ? "NAMES_TYPE" : "NAMES_DECL");
  printf "LIBC(\"%s\", %s)\n", $1, f }
