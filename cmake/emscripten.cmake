# Emscripten-only targets and flags (DESIGN.md section 6). Included only under emcmake.

find_program(KOLLEGA_NODE node REQUIRED)

# The shipped module: one ES module + one .wasm, no eval / new Function in the glue, so the
# plugin runs under a CSP without 'unsafe-eval'.
add_executable(kollega_core_wasm src/wasm/bindings.cpp)
target_link_libraries(kollega_core_wasm PRIVATE kollega_json)
set_target_properties(kollega_core_wasm PROPERTIES OUTPUT_NAME kollega-core SUFFIX .mjs)
target_link_options(kollega_core_wasm PRIVATE
  ${KOLLEGA_WASM_COMMON} ${KOLLEGA_WASM_OPT} --bind
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createKollegaCore -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0 -sMALLOC=emmalloc -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=16MB -sTEXTDECODER=2)

# A node-runnable program (tests, benchmark): synchronous start, exits with main's status.
# The .cjs suffix keeps node from reading it as an ES module (package.json "type": "module").
function(kollega_node_program target)
  set_target_properties(${target} PROPERTIES SUFFIX .cjs CROSSCOMPILING_EMULATOR ${KOLLEGA_NODE})
  target_link_options(${target} PRIVATE ${KOLLEGA_WASM_COMMON} -O2 -sENVIRONMENT=node
    -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=0)
endfunction()
