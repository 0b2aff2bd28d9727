#!/usr/bin/env python3
"""pty_run.py KCTX DIR MODE: `kctx run` on a pseudo-terminal, as a user at a terminal sees it.

MODE progress-sigint: the progress line appears after a second (simulated time out of the
  limit, speed, reports), SIGINT then stops the run: the line is erased, the summary is
  marked 'interrupted by SIGINT', exit status 130.
MODE sigterm: SIGTERM stops the run the same way, exit status 143.
MODE color-auto / no-color: diagnostics on a terminal are coloured unless NO_COLOR is set.
MODE pipe: stderr not a terminal: no progress line at all; SIGINT after 1.5 s still gives
  the 'interrupted' summary and status 130.
"""
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

kctx, scenario, mode = sys.argv[1:4]
PROGRESS = re.compile(rb"\rkctx: [0-9.]+ of 86400\.000 s simulated \([0-9]+%\), [0-9.e+]+x real time, [0-9]+ reports?\x1b\[K")
DEADLINE = 20  # seconds: a hang fails the test instead of stalling ctest


def fail(msg, out=b""):
    print(f"FAIL ({mode}): {msg}\n--- output ---\n{out.decode(errors='replace')}")
    sys.exit(1)


def read_until(fd, proc, pattern, out):
    """Reads the pty until `pattern` matches or the process ends; returns the output."""
    start = time.monotonic()
    while time.monotonic() - start < DEADLINE:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return out  # the other side closed: the process ended
            if not chunk:
                return out
            out += chunk
            if pattern and pattern.search(out):
                return out
        elif proc.poll() is not None and not ready:
            return out
    proc.kill()
    fail("timed out", out)


def run_on_pty(args, stop_signal):
    leader, follower = pty.openpty()
    env = dict(os.environ, TERM="xterm")
    # The console (stdout) goes elsewhere: the terminal shows only kctx's own lines.
    proc = subprocess.Popen(args, stdin=follower, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    out = read_until(leader, proc, PROGRESS, b"")
    if not PROGRESS.search(out):
        fail("no progress line within the deadline", out)
    proc.send_signal(stop_signal)
    out = read_until(leader, proc, None, out)
    status = proc.wait(timeout=DEADLINE)
    os.close(leader)
    return status, out


args = [kctx, "run", scenario, "--seconds", "86400", "--cpus", "8"]
if mode in ("progress-sigint", "sigterm"):
    sig, name, expected = (signal.SIGINT, "SIGINT", 130) if mode == "progress-sigint" else (signal.SIGTERM, "SIGTERM", 143)
    status, out = run_on_pty(args, sig)
    if status != expected:
        fail(f"exit status {status}, expected {expected}", out)
    last = out[out.rfind(PROGRESS.findall(out)[-1]):]
    # The line is erased (\r, erase to end of line) before the summary is printed.
    summary = re.search(rb"\r\x1b\[Kkctx: interrupted by " + name.encode() +
                        rb": [0-9.]+ s simulated in [0-9.]+ s, [0-9]+ context switches, [0-9]+ interrupts, ", last)
    if not summary:
        fail("the progress line is not erased before an 'interrupted' summary", out)
    print(f"ok: progress line, then 'interrupted by {name}', status {expected}")
elif mode == "pipe":
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Only once kctx catches SIGINT (its bit in /proc/PID/status's SigCgt): on a loaded
    # machine an ASan build can take longer than the wait below just to reach main().
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and proc.poll() is None:
        with open(f"/proc/{proc.pid}/status") as status_file:
            caught = next(l for l in status_file if l.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1)):
            break
        time.sleep(0.05)
    time.sleep(1.5)  # past the second after which a terminal would show the line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=DEADLINE)
    if b"\r" in err or b"\x1b" in err:
        fail("a progress line went to a pipe", err)
    if proc.returncode != 130 or not err.startswith(b"kctx: interrupted by SIGINT: "):
        fail(f"exit status {proc.returncode}, expected 130 and one 'interrupted' summary", err)
    print("ok: no progress line on a pipe; SIGINT still gives the summary")
elif mode in ("color-auto", "no-color"):
    # A scenario with a compile error, its diagnostics on the terminal: coloured by
    # default, plain when NO_COLOR is set.
    leader, follower = pty.openpty()
    env = dict(os.environ, TERM="xterm")
    env.pop("NO_COLOR", None)
    if mode == "no-color":
        env["NO_COLOR"] = "1"
    proc = subprocess.Popen([kctx, "run", scenario], stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    out = read_until(leader, proc, None, b"")
    status = proc.wait(timeout=DEADLINE)
    os.close(leader)
    coloured = b"\x1b[01;31m\x1b[Kerror: " in out
    if status != 2 or coloured != (mode == "color-auto"):
        fail(f"status {status}, coloured {coloured}", out)
    print(f"ok: {mode}")
else:
    fail("unknown mode")
