#!/usr/bin/env bash
# Installs the Debian packages kctx needs to build, test and benchmark. Cheap when
# everything is present: one dpkg query and no network, so `make` can run it freely.
set -euo pipefail

# What building and testing kctx needs (`make`, `make demo`, `make test`): the fewer, the
# sooner a fresh machine is set up. `time` is for the bound tests (/usr/bin/time).
packages=(
	cmake ninja-build g++
	libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev libreadline-dev
	libgtest-dev
	time
)
# The rest only when asked, each by the make target that needs it:
#   bench      `make bench`: Lua 5.4, the interpreter kctx is measured against
#   fuzz       `make fuzz`: clang and its libFuzzer runtime
#   --browser  headless Chromium for the HTML page's browser tests (tests/html.cmake),
#              which skip with their reason without it: a large download.
for group in "$@"; do
	case $group in
	bench) packages+=(lua5.4 libbenchmark-dev) ;;
	fuzz) packages+=(clang libclang-rt-14-dev) ;;
	--browser) packages+=(chromium) ;;
	*)
		echo "install-deps: unknown group '$group' (bench, fuzz or --browser)" >&2
		exit 2
		;;
	esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: not a Debian system (no dpkg-query); install these by hand if the build fails:" >&2
	echo "  ${packages[*]}" >&2
	exit 0
fi

missing=()
for p in "${packages[@]}"; do
	# "install ok installed" is the only state in which the files are really there.
	if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-deps: missing packages (${missing[*]}) and not root, and sudo is not available" >&2
		exit 1
	fi
	sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
