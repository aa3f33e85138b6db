# Compile and link flags for every Emscripten target (DESIGN.md section 6). Included before
# any target is defined, so that all objects share them.

# Debian's emcc needs NODE_PATH for any -O1+ link ("Cannot find module 'acorn'"): inject it
# into every link rule so nobody has to export it.
set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs")

# Exceptions must be enabled in every object, or a throw aborts and no catch ever runs; the
# api facade catches everything so that no exception reaches JS.
set(KOLLEGA_WASM_EXCEPTIONS -fwasm-exceptions CACHE STRING "Exception model: -fwasm-exceptions or -fexceptions")
set(KOLLEGA_WASM_COMMON ${KOLLEGA_WASM_EXCEPTIONS})
add_compile_options(${KOLLEGA_WASM_COMMON})
# Link-time optimisation: the learner's module is 4.5 KB gzip smaller and no slower
# (docs/benchmarks.md); per-file -Os (CMakeLists.txt) survives it as a function attribute.
option(KOLLEGA_WASM_LTO "Link-time optimisation for the wasm build" ON)
if(KOLLEGA_WASM_LTO)
  add_compile_options(-flto)
  add_link_options(-flto)
endif()
set(KOLLEGA_WASM_OPT -O2 CACHE STRING "Optimisation of every wasm object: -O2 (speed) or -Oz (size)")
string(REPLACE "-O3" "${KOLLEGA_WASM_OPT}" CMAKE_CXX_FLAGS_RELEASE "${CMAKE_CXX_FLAGS_RELEASE}")
