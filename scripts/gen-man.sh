#!/usr/bin/env bash
# gen-man.sh KCTX OUT: writes the man page kctx.1 from the program's own --help texts
# (kctx --help, then each subcommand's), so the page never says what the program does not.
# The help text is kept as it is printed (.nf), in roff with its escapes made literal.
set -euo pipefail
kctx=$1 out=$2

# roff: a backslash is \e; a line starting with . or ' is protected by \&.
roff_text() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

top=$("$kctx" --help)
version=$("$kctx" --version)
# The subcommands: the lines after "Subcommands:", first word of each.
mapfile -t subs < <(sed -n '/^Subcommands:/,$p' <<<"$top" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
summary=$(head -1 <<<"$top" | sed 's/^kctx: //; s/\.$//')

{
	echo ".TH KCTX 1 \"\" \"$version\" \"User Commands\""
	echo ".SH NAME"
	echo "kctx \\- $(roff_text <<<"$summary")"
	echo ".SH SYNOPSIS"
	for s in "${subs[@]}"; do
		echo ".B kctx $s"
		echo ".RI [ OPTIONS ]"
		echo ".br"
	done
	echo ".SH DESCRIPTION"
	echo ".nf"
	sed '/^Usage:/,$d' <<<"$top" | roff_text
	echo ".fi"
	echo ".SH COMMANDS"
	for s in "${subs[@]}"; do
		echo ".SS kctx $s"
		echo ".nf"
		"$kctx" "$s" --help | roff_text
		echo ".fi"
	done
	echo ".SH ENVIRONMENT"
	echo ".TP"
	echo ".B NO_COLOR"
	echo "When set and not empty, --color=auto (the default) does not colour; --color=always still does."
	echo ".SH EXIT STATUS"
	echo "0 clean; 1 the kernel reported a problem (BUG, WARNING, Oops, lockup, panic); 2 bad input or an"
	echo "unwritable output; 3 stopped by --max-wall or --max-host-memory; 130 or 143 stopped by SIGINT"
	echo "or SIGTERM (the summary so far is printed, marked interrupted)."
	echo ".SH FILES"
	echo ".TP"
	echo ".I DIR/init.sh"
	echo "The scenario's script, run as pid 1; its first line may set the machine: #!kctx cpus=2 seconds=1."
	echo ".SH SEE ALSO"
	echo ".BR dmesg (1),"
	echo ".BR gcc (1)"
} >"$out.tmp"
mv "$out.tmp" "$out"
