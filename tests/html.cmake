# kctx run --html (src/trace/Timeline.cpp, HtmlPage.cpp): the page in a real browser, and
# the run around it unchanged. The browser tests skip (exit 77, with the reason) when
# Chromium is not installed: scripts/install-deps.sh --browser installs it.
function(kctx_html_browser name dir cpus min_reports)
  add_test(NAME html.browser.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/html_browser.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/${dir}
            ${cpus} ${min_reports} ${ARGN})
  set_tests_properties(html.browser.${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endfunction()

# cst: 4 CPUs, 3 BUGs and a WARNING; spin_sleep_up: one CPU, its BUG, WARNING and lockup.
kctx_html_browser(cst examples/cst 4 4)
kctx_html_browser(spin_sleep_up examples/spin_sleep_up 1 3 --config debian)

# Writing the page changes nothing of the run: the console is the golden's, byte for byte.
add_test(NAME html.same_console
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/golden.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/cst
          ${CMAKE_CURRENT_SOURCE_DIR}/golden/cst.out 1 --html ${CMAKE_CURRENT_BINARY_DIR}/html_same_console.html)
# The page of a run is the same bytes every time (no wall time, no host detail in it).
add_test(NAME html.deterministic
  COMMAND bash -c "\"$0\" run \"$1\" -q --seconds 2 --html \"$2/a.html\" 2>/dev/null; \
\"$0\" run \"$1\" -q --seconds 2 --html \"$2/b.html\" 2>/dev/null; cmp \"$2/a.html\" \"$2/b.html\""
    $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/cst ${CMAKE_CURRENT_BINARY_DIR})
# An unwritable page is bad input: the message names it, exit status 2.
add_test(NAME bad_input.html_unwritable
  COMMAND bash -c "err=$(timeout 20 \"$0\" run \"$1\" --html=/nonexistent/p.html 2>&1 >/dev/null); s=$?; \
[[ $s == 2 ]] || { echo \"exit status $s, expected 2: $err\"; exit 1; }; \
grep -q \"cannot create '/nonexistent/p.html'\" <<<\"$err\" || { echo \"stderr: $err\"; exit 1; }"
    $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/pingpong)
