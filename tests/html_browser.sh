#!/usr/bin/env bash
# html_browser.sh KCTX DIR CPUS MIN_REPORTS [kctx run flags...]
# Writes DIR's HTML page (kctx run --html), loads it in headless Chromium and checks that
# the timeline rendered: no script error, one lane per CPU, at least MIN_REPORTS report
# markers, the console panel, and a 1400x900 screenshot that is not blank.
# Exits 77 (ctest's SKIP_RETURN_CODE) with the reason when Chromium is not installed.
set -u
kctx=$1 dir=$2 cpus=$3 min_reports=$4
shift 4
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
	echo "SKIP: no Chromium (install it with: scripts/install-deps.sh --browser)"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$kctx" run "$dir" -q --html "$work/page.html" "$@" 2>"$work/kctx.err"
status=$?
[[ $status == 0 || $status == 1 ]] || fail "kctx exited $status: $(cat "$work/kctx.err")"
[[ -s $work/page.html ]] || fail "no page written"
# Self-contained: nothing is loaded from anywhere else.
if grep -Eq '<script[^>]* src=|<link |@import|url\(|https?://' "$work/page.html"; then
	fail "the page refers to something outside itself"
fi

chrome=("$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
	--user-data-dir="$work/profile" --window-size=1400,900)
timeout 60 "${chrome[@]}" --dump-dom "file://$work/page.html" >"$work/dom.html" 2>/dev/null ||
	fail "chromium --dump-dom failed"
grep -q 'data-rendered="ok"' "$work/dom.html" || fail "the script did not finish rendering"
if grep -o 'data-error="[^"]*"' "$work/dom.html"; then
	fail "a script error"
fi
lanes=$(grep -o 'class="lane-label cpu-lane"' "$work/dom.html" | wc -l)
[[ $lanes == "$cpus" ]] || fail "$lanes CPU lanes, expected $cpus"
markers=$(grep -o 'class="report-marker' "$work/dom.html" | wc -l)
((markers >= min_reports)) || fail "$markers report markers, expected at least $min_reports"
grep -q 'id="console"' "$work/dom.html" || fail "no console panel"
lines=$(grep -o 'class="line"' "$work/dom.html" | wc -l)
((lines > 0)) || fail "the console panel is empty"

# The console messages the page logged: an uncaught error or console.error fails the test.
timeout 60 "${chrome[@]}" --enable-logging=stderr --v=0 --screenshot="$work/shot.png" \
	"file://$work/page.html#report=0" >/dev/null 2>"$work/chrome.err" || fail "chromium --screenshot failed"
if grep -E 'CONSOLE|Uncaught' "$work/chrome.err" | grep -Eiq 'error|uncaught'; then
	grep -E 'CONSOLE|Uncaught' "$work/chrome.err"
	fail "errors on the page's console"
fi
[[ -s $work/shot.png ]] || fail "no screenshot"
# PNG: the IHDR chunk's width and height, big-endian, at bytes 16 and 20.
size=$(od -An -tu1 -j16 -N8 "$work/shot.png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
[[ $size == 1400x900 ]] || fail "screenshot is $size, expected 1400x900"
# Not blank: a white page compresses to a few KB; a drawn timeline and console do not.
bytes=$(stat -c %s "$work/shot.png")
((bytes > 40000)) || fail "screenshot of $bytes bytes: blank?"
if command -v python3 >/dev/null; then
	python3 "$(dirname "$0")/png_colours.py" "$work/shot.png" 8 || fail "screenshot looks blank"
fi
echo "ok: $lanes CPU lanes, $markers report markers, $lines console lines, screenshot $size ($bytes bytes)"
