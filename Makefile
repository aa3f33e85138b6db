# Kollega — the front door. `make demo` and `make test` are all a newcomer needs (README.md).
# Every target installs what is missing first (`make deps`), so a fresh Debian 12 works.

NATIVE := build/native
WASM   := build/wasm
PLUGIN := build/plugin
PORT   ?= 8080
JOBS   ?= $(shell nproc)

.PHONY: all deps native wasm plugin test test-native test-wasm test-js test-fuzz demo dist bench fuzz clean

all: native wasm plugin

deps:
	@bash scripts/deps.sh

native: deps
	@cmake -S . -B $(NATIVE) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(NATIVE) -j $(JOBS)

wasm: deps
	@[ -f $(WASM)/build.ninja ] || emcmake cmake -S . -B $(WASM) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(WASM) -j $(JOBS)

plugin: wasm
	@node scripts/build-plugin.mjs

test-native: native
	@cd $(NATIVE) && ctest --output-on-failure -j $(JOBS)

test-wasm: wasm
	@cd $(WASM) && ctest --output-on-failure -j $(JOBS)

test-js: plugin
	@node --test --test-concurrency=1 tests/node/ tests/browser/

# A short libFuzzer run of the program parser (clang, ASan + UBSan); `make fuzz` is the long one.
test-fuzz: deps
	@bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),30)

test: deps
	@$(MAKE) --no-print-directory test-native
	@$(MAKE) --no-print-directory test-wasm
	@$(MAKE) --no-print-directory test-fuzz
	@$(MAKE) --no-print-directory test-js

demo: plugin
	@node scripts/serve.mjs --port $(PORT)

# dist/kollega/ (script-tag bundle), dist/kollega-scorm12.zip, dist/kollega-scorm2004.zip;
# PROGRAM=<built-in id or program file> picks the program the packages carry (default leaders-learning-group).
dist: plugin
	@node scripts/dist.mjs $(if $(PROGRAM),--program $(PROGRAM))

# At least 1,000,000 executions (or FUZZ_SECONDS, default 30 minutes, whichever comes first).
fuzz: deps
	@FUZZ_JOBS=$(or $(FUZZ_JOBS),2) bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),1800) $(or $(FUZZ_RUNS),1000000)

bench: native wasm plugin
	@node bench/run.mjs

clean:
	rm -rf build dist
