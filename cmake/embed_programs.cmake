# Writes a C++ source that embeds the built-in programs (programs/*.json) for the CLI.
# Run at build time: cmake -DOUT=<file.cpp> -DFILES="<a.json|b.json>" -P embed_programs.cmake
string(REPLACE "|" ";" FILES "${FILES}")
set(body "")
foreach(file IN LISTS FILES)
  get_filename_component(id "${file}" NAME_WE)
  file(READ "${file}" content)
  string(FIND "${content}" ")kollega_json\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )kollega_json\"")
  endif()
  string(APPEND body "    {\"${id}\", R\"kollega_json(${content})kollega_json\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from programs/*.json by cmake/embed_programs.cmake. Do not edit.\n"
  "#include \"cli/builtin_programs.hpp\"\n\nnamespace kollega::cli {\n\n"
  "const std::vector<BuiltinProgram>& builtin_programs() {\n"
  "    static const std::vector<BuiltinProgram> programs{\n${body}    };\n    return programs;\n}\n\n}  // namespace kollega::cli\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
