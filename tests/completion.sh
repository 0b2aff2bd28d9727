#!/usr/bin/env bash
# completion.sh KCTX SCRIPT EXAMPLES: the bash completion offers the subcommands, a
# subcommand's flags as its --help lists them, a flag's values, and scenario directories.
set -u
kctx=$1 script=$2 examples=$3
# shellcheck source=/dev/null
source "$script"
fail() { echo "FAIL: $*"; exit 1; }
complete_line() {   # complete_line WORD... : COMPREPLY for the last word
	COMP_WORDS=("$kctx" "$@") COMP_CWORD=$#
	COMPREPLY=()
	_kctx
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
[[ $(complete_line "") == *new*run*stap* ]] || fail "subcommands: $(complete_line "")"
[[ $(complete_line ru) == run ]] || fail "ru -> $(complete_line ru)"
got=$(complete_line run --se)
[[ $got == $'--seconds\n--seed' ]] || fail "run --se -> $got"
[[ $(complete_line run --col) == --color ]] || fail "run --col -> $(complete_line run --col)"
[[ $(complete_line run --color al) == always ]] || fail "--color al -> $(complete_line run --color al)"
[[ $(complete_line run --preempt v) == voluntary ]] || fail "--preempt v"
[[ $(complete_line run "$examples/cst_") == *"$examples/cst_pinned"*"$examples/cst_switch"* ]] ||
	fail "scenario dirs: $(complete_line run "$examples/cst_")"
echo ok
