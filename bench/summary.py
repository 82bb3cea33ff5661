#!/usr/bin/python3
"""Prints the side-by-side table and the ratios from results.jsonl (one JSON object a line).

Two columns: per second of wall-clock time, and per second of CPU time (user + system: the steadier
figure on a shared machine, where waiting for the core does not count). Ratios from CPU time.
"""
import json
import sys

r = {}
for line in open(sys.argv[1]):
    if line.strip():
        d = json.loads(line)
        r[d["path"]] = d

# The product's steady rate: the 2,000 images the 3,000-image run does beyond the 1,000-image run
# (the JVM's start and the JIT's compiling fall out of the difference).
for key in ("snapshot-exact", "snapshot-fast"):
    if key in r and key + "-1000" in r:
        a, b = r[key + "-1000"], r[key]
        r[key + "-steady"] = {"path": key + "-steady", "images_per_second": 2000 / (b["seconds"] - a["seconds"]),
                              "images_per_cpu_second": 2000 / (b["cpu_seconds"] - a["cpu_seconds"])}

rows = [("Python, exact: Pillow + NumPy over every pixel", "python-exact"),
        ("Python, the reference check's sampled path (10,000 pixels)", "python-sampled"),
        ("snapshot, exact mode (TurboJPEG), whole process, 3,000 images", "snapshot-exact"),
        ("snapshot, fast mode (TurboJPEG at reduced scale), whole process, 3,000 images", "snapshot-fast"),
        ("snapshot, exact mode, steady rate (3,000-image run minus 1,000-image run)", "snapshot-exact-steady"),
        ("snapshot, fast mode, steady rate (3,000-image run minus 1,000-image run)", "snapshot-fast-steady")]
print("| path, one core | images/s (wall clock) | images/s (CPU time) |")
print("|---|---|---|")
for label, key in rows:
    if key in r:
        print("| %s | %.0f | %.0f |" % (label, r[key]["images_per_second"], r[key]["images_per_cpu_second"]))
print()
print("| detector, 10,000 vs 10,000, one core | median ms (wall clock) | median ms (CPU time) |")
print("|---|---|---|")
for label, key in [("scikit-learn HistGradientBoosting + permutation importance (10 repeats)", "sklearn-hgb-permutation"),
                   ("product, reference-check rule (one 70/30 split, permutation importance)", "java-reference-check"),
                   ("product, calibrated rule (5-fold cross-fit, p-value, importance)", "java-calibrated")]:
    if key in r:
        print("| %s | %.0f | %.0f |" % (label, r[key]["median_ms"], r[key]["median_cpu_ms"]))
print()


def ratio(label, a, b, field, goal, invert=False):
    if a in r and b in r:
        x = r[a][field] / r[b][field]
        if invert:
            x = 1 / x
        print("%-62s %6.2fx   (goal %s)" % (label, x, goal))


print("ratios (CPU time; whole process over 3,000 images, then the steady rate):")
for suffix, what in (("", "whole"), ("-steady", "steady")):
    ratio("exact snapshot (%s) vs Python exact" % what, "snapshot-exact" + suffix, "python-exact",
          "images_per_cpu_second", ">= 5x")
    ratio("exact snapshot (%s) vs the reference check's sampled path" % what, "snapshot-exact" + suffix,
          "python-sampled", "images_per_cpu_second", ">= 1.5x")
    ratio("fast snapshot (%s) vs the reference check's sampled path" % what, "snapshot-fast" + suffix,
          "python-sampled", "images_per_cpu_second", ">= 3x")
ratio("reference-check rule: scikit-learn time / product time", "java-reference-check", "sklearn-hgb-permutation",
      "median_cpu_ms", ">= 1x", invert=True)
if "java-calibrated" in r:
    print("%-62s %6.0f ms (goal < 1000 ms)" % ("calibrated rule, 10,000 vs 10,000 (CPU time)",
                                                r["java-calibrated"]["median_cpu_ms"]))
