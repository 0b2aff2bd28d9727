#!/usr/bin/env bash
# new_scenario.sh KCTX: `kctx new DIR` writes a starter that runs cleanly (exit 0, no
# report, no compiler warning) and refuses, with exit 2, to write over anything.
set -u
kctx=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

out=$("$kctx" new "$tmp/first" 2>&1) || fail "kctx new exited $?: $out"
for f in init.sh hello.c counter.c README.md; do
	[[ -s $tmp/first/$f ]] || fail "kctx new wrote no $f"
	grep -q "created $tmp/first/$f" <<<"$out" || fail "no 'created' line for $f: $out"
done
err=$("$kctx" run "$tmp/first" 2>&1 >"$tmp/console") || fail "the starter exited $?: $err"
[[ $err == "kctx: "*" s simulated in "*", no reports" ]] || fail "the starter's run says more than its summary: $err"
grep -q "hello: tick 3, in_softirq() 1, in_task() 0" "$tmp/console" || fail "the module's timer did not tick: $(cat "$tmp/console")"
grep -q "counter: 3" "$tmp/console" || fail "the program did not run: $(cat "$tmp/console")"

# Never an overwrite: an existing directory (even empty) or file is refused, untouched.
echo "mine" >"$tmp/first/hello.c"
err=$("$kctx" new "$tmp/first" 2>&1); status=$?
[[ $status == 2 ]] || fail "kctx new over a scenario exited $status, expected 2"
[[ $err == *"$tmp/first already exists; kctx new writes a new directory and never overwrites one"* ]] || fail "message: $err"
[[ $(cat "$tmp/first/hello.c") == mine ]] || fail "kctx new overwrote hello.c"
touch "$tmp/file"
"$kctx" new "$tmp/file" 2>/dev/null; status=$?
[[ $status == 2 ]] || fail "kctx new over a file exited $status, expected 2"
"$kctx" new "$tmp/no/such/parent" 2>/dev/null; status=$?
[[ $status == 2 ]] || fail "kctx new under a missing parent exited $status, expected 2"
echo ok
