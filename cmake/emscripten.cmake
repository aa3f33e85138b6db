# Emscripten-only targets and flags (DESIGN.md section 6). Included only under emcmake.

find_program(KOLLEGA_NODE node REQUIRED)

# The shipped modules: each one ES module + one .wasm, no eval / new Function in the glue, so
# the plugin runs under a CSP without 'unsafe-eval'. Two of them from one core: the learner's
# (small: the first load) and the coach's (adds the cohort view and the exports).
set(KOLLEGA_MODULE_FLAGS
  ${KOLLEGA_WASM_COMMON} ${KOLLEGA_WASM_OPT} --bind
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createKollegaCore -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0 -sMALLOC=emmalloc -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=16MB -sTEXTDECODER=2)
function(kollega_module target source output)
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE kollega_json)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${output} SUFFIX .mjs)
  target_link_options(${target} PRIVATE ${KOLLEGA_MODULE_FLAGS})
endfunction()
kollega_module(kollega_core_wasm src/wasm/learner_bindings.cpp kollega-core)
kollega_module(kollega_coach_wasm src/wasm/coach_bindings.cpp kollega-coach-core)

# A node-runnable program (tests, benchmark): synchronous start, exits with main's status.
# The .cjs suffix keeps node from reading it as an ES module (package.json "type": "module").
function(kollega_node_program target)
  set_target_properties(${target} PROPERTIES SUFFIX .cjs CROSSCOMPILING_EMULATOR ${KOLLEGA_NODE})
  target_link_options(${target} PRIVATE ${KOLLEGA_WASM_COMMON} -O2 -sENVIRONMENT=node
    -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=0)
endfunction()

# The group formation module (issue 5, docs/groups.md): the admin view loads it lazily in a Web
# Worker, so it never weighs on the learner's first load. Its own facade (parseRoster, GroupsJob)
# and the search engine, linked at -O3: the search is the hot loop (the last -O wins in emcc).
kollega_module(kollega_groups_wasm src/wasm/groups_bindings.cpp kollega-groups)
target_link_libraries(kollega_groups_wasm PRIVATE kollega_groups_json)
target_link_options(kollega_groups_wasm PRIVATE -O3 -sEXPORT_NAME=createKollegaGroups)
