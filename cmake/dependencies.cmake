# Header-only dependencies from Debian: nlohmann/json and Catch2 v2.
#
# Natively, find_package works as usual. Under emcmake, find_package only searches the
# Emscripten sysroot, and /usr/include must never reach an Emscripten compile (glibc headers
# break it). So we find each package's own header folder on the host and expose only that
# folder, through a staging include directory of symlinks in the build tree.

function(kollega_stage_headers target header)
  find_path(_dir ${header} PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT _dir)
    message(FATAL_ERROR "${header} not found: run `make deps` (Debian packages nlohmann-json3-dev, catch2)")
  endif()
  get_filename_component(_top ${header} DIRECTORY)  # e.g. nlohmann
  set(_stage ${CMAKE_BINARY_DIR}/staged-include/${target})
  file(MAKE_DIRECTORY ${_stage})
  file(CREATE_LINK ${_dir}/${_top} ${_stage}/${_top} SYMBOLIC)
  add_library(kollega::${target} INTERFACE IMPORTED GLOBAL)
  target_include_directories(kollega::${target} SYSTEM INTERFACE ${_stage})
  unset(_dir CACHE)
endfunction()

if(EMSCRIPTEN)
  kollega_stage_headers(nlohmann_json nlohmann/json.hpp)
  kollega_stage_headers(catch2 catch2/catch.hpp)
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(kollega::nlohmann_json ALIAS nlohmann_json::nlohmann_json)
  find_package(Catch2 2 REQUIRED)
  add_library(kollega::catch2 ALIAS Catch2::Catch2)
endif()
