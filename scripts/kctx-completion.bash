# bash completion for kctx: subcommands, each one's flags (read from `kctx SUB --help`, so
# they never drift from the program), the values of the flags that take one of a few
# words, and scenario directories (or .c/.stp files where a command takes a file).
_kctx()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
	}
	local kctx=${words[0]}
	if ((cword == 1)); then
		local subs
		subs=$("$kctx" --help 2>/dev/null | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
		mapfile -t COMPREPLY < <(compgen -W "$subs --help --version" -- "$cur")
		return
	fi
	local sub=${words[1]}
	case $prev in
	--color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
	--preempt) mapfile -t COMPREPLY < <(compgen -W "none voluntary full" -- "$cur"); return ;;
	--config) mapfile -t COMPREPLY < <(compgen -W "debug debian" -- "$cur"); return ;;
	--hz) mapfile -t COMPREPLY < <(compgen -W "100 250 300 1000" -- "$cur"); return ;;
	--world) mapfile -t COMPREPLY < <(compgen -W "kernel user auto" -- "$cur"); return ;;
	--trace-out|--perfetto) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		local flags
		flags=$("$kctx" "$sub" --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[A-Za-z][-A-Za-z]*' | tr -d ' ,' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$flags" -- "$cur")
		return
	fi
	case $sub in
	run|new) mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
	disasm) mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -X '!*.c' -- "$cur") ;;
	stap) mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -X '!*.stp' -- "$cur") ;;
	esac
	compopt -o filenames 2>/dev/null
}
complete -F _kctx kctx
