#!/usr/bin/env bash
# Installs the Debian packages kctx needs to build, test and benchmark. Cheap when
# everything is present: one dpkg query and no network, so `make` can run it freely.
set -euo pipefail

packages=(
	cmake ninja-build g++
	libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev libreadline-dev
	libgtest-dev libbenchmark-dev
	clang libclang-rt-14-dev
	lua5.4   # bench: the interpreter kctx is measured against
	time     # bench: /usr/bin/time reports peak RSS
)
# Optional, with --browser: headless Chromium for the HTML page's browser tests
# (tests/html.cmake), which skip with their reason without it. Not by default: it is a
# large download for a fresh machine's set-up.
if [[ ${1:-} == --browser ]]; then
	packages+=(chromium)
fi

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
