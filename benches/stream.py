#!/usr/bin/env python3
"""Streaming and memory benchmarks for dw (issue 23). Not part of `cargo test`.

    benches/stream.py                        # release build, then measure
    benches/stream.py --dw PATH              # measure that binary, no build
    benches/stream.py --baseline OLD_DW      # also run an older binary, side by side
    benches/stream.py --runs 9 --quick       # more pairs; --quick skips the slowest cases

Prints, in one run:
  * `schedule --json` and `--ics` (200 members x 5,200 weeks) against `cat`
    of the very bytes they print: the median of the ratios of A/B pairs run
    in turn (A B A B ...), so a machine whose speed drifts still compares fairly;
  * the peak RSS of check, stats, plan and schedule --json/--ics/--html/table at
    1,000 members x 5,200 weeks (the largest of any run);
  * `stats` at 1,000 members against 500 members (same weeks);
  * `dw who` against /bin/true (the floor of starting a process);
  * with --baseline, every case again with the older binary, and new/old.

Wall time is measured around each process; peak RSS is the kernel's
accounting of the finished child (getrusage via os.wait4, as /usr/bin/time -v
reports it). stdout goes to /dev/null. Exits 1 when a target is missed.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AT = "2026-01-07"
WEEKS = "5200"
# Week 5,199 of the generated rosters (start 2026-01-06): stats counts weeks 0-5,199.
STATS_TO = "2125-08-28"


def run_once(cmd, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS KiB, exit code) of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, p.returncode


def measure(cmd, runs, warmup=1):
    for _ in range(warmup):
        run_once(cmd)
    walls, peaks = [], []
    for _ in range(runs):
        w, m, _ = run_once(cmd)
        walls.append(w)
        peaks.append(m)
    return walls, max(peaks)


def paired(a, b, runs, warmup=1):
    """A and B in turn; the ratio A/B of each pair."""
    for _ in range(warmup):
        run_once(a)
        run_once(b)
    ratios, wa, wb, peak = [], [], [], 0
    for _ in range(runs):
        ta, ma, _ = run_once(a)
        tb, _, _ = run_once(b)
        ratios.append(ta / tb)
        wa.append(ta)
        wb.append(tb)
        peak = max(peak, ma)
    return ratios, wa, wb, peak


def ms(xs):
    return "median %.1f ms (min %.1f)" % (statistics.median(xs) * 1e3, min(xs) * 1e3)


def ratio(xs):
    return "%.2fx (min %.2f, max %.2f)" % (statistics.median(xs), min(xs), max(xs))


def mib(kib):
    return "%.1f MiB" % (kib / 1024)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dw", help="the dw binary to measure (default: cargo build --release)")
    p.add_argument("--baseline", help="an older dw binary to run side by side")
    p.add_argument("--runs", type=int, default=5, help="pairs/runs per timed case (default 5)")
    p.add_argument("--quick", action="store_true", help="skip plan --all-ranks (minutes)")
    a = p.parse_args()

    if a.dw:
        dw = os.path.realpath(a.dw)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        dw = os.path.join(REPO, "target", "release", "dw")
    base = os.path.realpath(a.baseline) if a.baseline else None
    tmp = tempfile.mkdtemp(prefix="dw-stream-")
    missed = []

    def verdict(ok, what):
        if not ok:
            missed.append(what)
        return "met" if ok else "MISSED"

    try:
        gen = os.path.join(REPO, "benches", "gen_roster.py")
        rosters = {}
        for members, seed in ((200, 1), (500, 1), (1000, 1), (1000, 2)):
            path = os.path.join(tmp, "r%d-%d.toml" % (members, seed))
            with open(path, "w") as f:
                subprocess.run(
                    [sys.executable, gen, "--members", str(members), "--seed", str(seed)],
                    stdout=f, stderr=subprocess.DEVNULL, check=True,
                )
            rosters[(members, seed)] = path
        r200, r500, r1000, r1000b = (rosters[k] for k in ((200, 1), (500, 1), (1000, 1), (1000, 2)))
        load = os.getloadavg()
        print("dw %s; baseline %s" % (dw, base or "none"))
        print("%d cores, load average %.2f %.2f %.2f at the start; %d runs per case"
              % (os.cpu_count(), *load, a.runs))
        print()

        def schedule(b, roster, *extra):
            return [b, "schedule", "--roster", roster, "--at", AT, "--weeks", WEEKS, *extra]

        print("## against cat of the same bytes (200 members x 5,200 weeks)")
        for name, extra, target in (("--json", ["--json"], 4.0), ("--ics", ["--ics"], 8.0)):
            out = os.path.join(tmp, "out" + name)
            with open(out, "wb") as f:
                run_once(schedule(dw, r200, *extra), stdout=f)
            size = os.path.getsize(out)
            rs, wa, wb, peak = paired(schedule(dw, r200, *extra), ["cat", out], a.runs)
            med = statistics.median(rs)
            print("schedule %s: %d bytes; dw %s, cat %s; dw/cat %s; peak %s  (target <= %gx: %s)"
                  % (name, size, ms(wa), ms(wb), ratio(rs), mib(peak), target,
                     verdict(med <= target, "schedule %s vs cat" % name)))
            if base:
                rs, wa, wb, bpeak = paired(schedule(dw, r200, *extra), schedule(base, r200, *extra), a.runs)
                print("  baseline: %s, peak %s; new/old %s" % (ms(wb), mib(bpeak), ratio(rs)))
        print()

        print("## peak RSS at 1,000 members x 5,200 weeks (target <= 64 MiB each)")
        cases = [
            ("check --weeks 5200", [dw, "check", "--roster", r1000, "--at", AT, "--weeks", WEEKS]),
            ("stats (5,200 weeks)", [dw, "stats", "--roster", r1000, "--from", "2026-01-06", "--to", STATS_TO]),
            ("stats --json (5,200 weeks)", [dw, "stats", "--roster", r1000, "--from", "2026-01-06", "--to", STATS_TO, "--json"]),
            ("plan OLD NEW --weeks 5200", [dw, "plan", r1000, r1000b, "--at", AT, "--weeks", WEEKS]),
            ("plan --json", [dw, "plan", r1000, r1000b, "--at", AT, "--weeks", WEEKS, "--json"]),
            ("schedule (table)", schedule(dw, r1000)),
            ("schedule --json", schedule(dw, r1000, "--json")),
            ("schedule --ics", schedule(dw, r1000, "--ics")),
            ("schedule --html", schedule(dw, r1000, "--html")),
        ]
        if not a.quick:
            cases.append(("plan --all-ranks", [dw, "plan", r1000, r1000b, "--at", AT, "--weeks", WEEKS, "--all-ranks"]))
        for name, cmd in cases:
            runs = 1 if "all-ranks" in name else max(1, a.runs // 2)
            walls, peak = measure(cmd, runs, warmup=0)
            line = "%-28s peak %9s, %s" % (name, mib(peak), ms(walls))
            if base and "all-ranks" not in name:  # the old binary needs minutes and GBs there
                old = [base if c == dw else c for c in cmd]
                owalls, opeak = measure(old, 1, warmup=0)
                line += "; baseline peak %s, %s" % (mib(opeak), ms(owalls))
            print(line + "  (%s)" % verdict(peak <= 64 * 1024, "peak of " + name))
        print()

        print("## stats linear in members (5,200 weeks; target: 1,000 at most 2.5x 500)")
        s1000 = [dw, "stats", "--roster", r1000, "--from", "2026-01-06", "--to", STATS_TO]
        s500 = [dw, "stats", "--roster", r500, "--from", "2026-01-06", "--to", STATS_TO]
        rs, wa, wb, _ = paired(s1000, s500, a.runs)
        print("stats 1,000 members %s, 500 members %s; ratio %s  (%s)"
              % (ms(wa), ms(wb), ratio(rs), verdict(statistics.median(rs) <= 2.5, "stats linear")))
        print()

        print("## interactive floor (bundled roster)")
        who = [dw, "who", "--roster", os.path.join(REPO, "roster.toml"), "--at", "2026-03-03T12:00"]
        rs, wa, wb, peak = paired(who, ["/bin/true"], max(a.runs, 20))
        print("dw who %s, /bin/true %s; who/true %s; peak %s" % (ms(wa), ms(wb), ratio(rs), mib(peak)))
        if base:
            old = [base] + who[1:]
            rs, wa, wb, _ = paired(who, old, max(a.runs, 20))
            print("  baseline %s; new/old %s" % (ms(wb), ratio(rs)))
        print()
        print("targets missed: %s" % (", ".join(missed) if missed else "none"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
