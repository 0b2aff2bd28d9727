# Entry points. CMake + Ninja do the real work; this file only fixes the flags of each
# kind of build so that everyone (and CI) builds the same way.
#
#   make            Release build (-Werror; WERROR=OFF to drop it) of kctx and the tests
#   make test       that build, then every test (ctest)
#   make test-asan  Debug build with ASan+UBSan in build-asan, then every test
#   make demo       build build/kctx only, then run examples/cst
#   make install    build kctx, then install it, kctx.1 and its bash completion under
#                   PREFIX (/usr/local): bin/, share/man/man1/, share/bash-completion/
#   make bench      build, then bench/run.sh (one table of timings)
#   make bench-check  build build/kctx, then bench/check.sh (kctx check against Spin, one table)
#   make fuzz       libFuzzer over the kernel-C compiler, over init.sh, then over whole
#                   scenarios (compiled, booted and run), FUZZ_SECONDS (600) each, in build-fuzz
#   make format     clang-format -i over src/
#   make clean      remove build/, build-asan/ and build-fuzz/

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

BUILD_DIR := build
ASAN_DIR := build-asan
FUZZ_DIR := build-fuzz
FUZZ_SECONDS ?= 600
# Parallel jobs for compiling; ctest runs at -j2 (the CI machine has two cores).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_JOBS ?= 2

# ccache, when the machine has it, makes rebuilds across build directories and
# worktrees cheap; CI's fresh machine builds without it, and then with precompiled
# headers (KCTX_PCH, CMakeLists.txt), which a ccache shared by worktrees does not suit.
CCACHE := $(shell command -v ccache 2>/dev/null)
CMAKE_CONFIGURE := cmake -S . -G Ninja $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all release kctx test test-asan demo bench bench-check fuzz format clean deps install

all: release

# The dependency check runs once per build directory; delete the stamp (or run
# `make deps`) to check again.
%/.deps-ok: scripts/install-deps.sh
	scripts/install-deps.sh
	@mkdir -p $(@D) && touch $@

deps:
	scripts/install-deps.sh bench fuzz

# One flag set for build/: `make`, `make demo` and `make test` configure it the same way,
# so `make test` after `make demo` compiles only what the demo did not need (the tests)
# instead of everything again. WERROR=OFF builds on a compiler newer than CI's without
# stopping at a new warning.
WERROR ?= ON
CONFIGURE_RELEASE := $(CMAKE_CONFIGURE) -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DKCTX_WERROR=$(WERROR)

release: $(BUILD_DIR)/.deps-ok
	$(CONFIGURE_RELEASE)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the kctx binary: the demo needs no test.
kctx: $(BUILD_DIR)/.deps-ok
	$(CONFIGURE_RELEASE)
	cmake --build $(BUILD_DIR) -j $(JOBS) --target kctx

test: release
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(CTEST_JOBS)

test-asan: $(ASAN_DIR)/.deps-ok
	$(CMAKE_CONFIGURE) -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DKCTX_SANITIZE=ON -DKCTX_WERROR=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	$(ASAN_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(CTEST_JOBS)

# The cst scenario exists to show BUG reports, and kctx exits 1 when it reports one:
# that is the demo working, not failing. Any other non-zero status is a failure.
demo: kctx
	@status=0; ./$(BUILD_DIR)/kctx run examples/cst || status=$$?; \
	if [[ $$status -eq 1 ]]; then \
		echo "make demo: kctx exited 1 because it reported the BUGs the cst scenario is built to show (expected)"; \
	elif [[ $$status -ne 0 ]]; then \
		echo "make demo: kctx failed with exit status $$status" >&2; exit $$status; \
	fi

PREFIX ?= /usr/local
install: kctx
	cmake --install $(BUILD_DIR) --prefix $(PREFIX) --component Unspecified

bench: release
	scripts/install-deps.sh bench
	bench/run.sh

bench-check: kctx
	bench/check.sh

# clang's libFuzzer with ASan and UBSan over lang::compile() (fuzz/CompileFuzzer.cpp),
# over init.sh (fuzz/InitScriptFuzzer.cpp), then over whole scenarios a grammar makes
# (fuzz/ScenarioFuzzer.cpp), FUZZ_SECONDS each; fails if one finds a crash, a leak, a
# hang, runaway memory or a broken kctx invariant. Only the fuzz targets are built, in
# their own directory.
fuzz: $(FUZZ_DIR)/.deps-ok
	scripts/install-deps.sh fuzz
	$(CMAKE_CONFIGURE) -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DKCTX_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target kctx_fuzz_compile kctx_fuzz_init kctx_fuzz_scenario
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) compile
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) init
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) scenario

# The prelude headers are user-facing kernel-C text embedded as-is, and .def tables are
# macro lists clang-format would mangle, so neither is formatted.
format:
	@command -v clang-format >/dev/null || { echo "make format: clang-format not found (apt-get install clang-format)" >&2; exit 1; }
	find src \( -name '*.cpp' -o -name '*.h' -o -name '*.cxx' \) -not -path 'src/abi/prelude/*' -print0 \
		| xargs -0 clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
