#!/usr/bin/env python3
"""Markdown table of the fuzzing runs logged in fuzz/runs/ by scripts/fuzz.sh run.

Per run: target, start (UTC), wall time, CPU time actually consumed (user + system, from
/usr/bin/time -v), executions, final coverage (libFuzzer's `cov`: instrumented edges reached,
`ft`: features), corpus size, and how the run ended. Totals per target and overall.
"""
import glob
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
rows = []
for path in sorted(glob.glob(os.path.join(here, "runs", "*.log"))):
    text = open(path, errors="replace").read()
    name = os.path.basename(path)[:-4]
    target, stamp = name.rsplit("-", 1)
    num = lambda pat: (lambda m: float(m.group(1)) if m else 0.0)(re.search(pat, text))
    user, sys_ = num(r"User time \(seconds\): ([\d.]+)"), num(r"System time \(seconds\): ([\d.]+)")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    execs = int(num(r"stat::number_of_executed_units: (\d+)"))
    covs = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", text)
    cov, ft, corp = covs[-1] if covs else ("-", "-", "-")
    if "SUMMARY: libFuzzer: timeout" in text:
        end = "timeout (see FUZZING.md)"
    elif "panicked" in text or "deadly signal" in text:
        end = "CRASH"
    elif re.search(r"Done \d+ runs", text):
        end = "completed"
    else:
        end = "running or cut"
    rows.append((target, stamp, wall.group(1) if wall else "-", user + sys_, execs, cov, ft, corp, end))

print("| target | started (UTC) | wall | CPU s | executions | cov | ft | corpus | ended |")
print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
for r in rows:
    print("| %s | %s | %s | %.0f | %d | %s | %s | %s | %s |" % r)
total = sum(r[3] for r in rows)
print()
per = {}
for r in rows:
    per[r[0]] = per.get(r[0], 0.0) + r[3]
print("CPU seconds per target: " + ", ".join("%s %.0f" % kv for kv in sorted(per.items())))
print("CPU total: %.0f s (%.2f CPU-hours)" % (total, total / 3600))
