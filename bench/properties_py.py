#!/usr/bin/python3
"""The seven image properties in Python, written from the reference check's documented definitions
(docs in shared/reference-check.md): the exact path over every pixel, and the reference check's
default path on 10,000 pixels sampled uniformly with replacement. Pillow decodes, NumPy computes.

    properties_py.py exact|sampled DIR [--warmup 20] [--out values.csv]

Times the folder after a warm-up and prints one JSON line: images, wall-clock and CPU seconds, and
images per second of each.
"""
import argparse
import json
import os
import time

# One core: no BLAS or OpenMP thread pools (set before NumPy loads).
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
# side-by-side.sh also sets MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ (read by glibc at start):
# on the project's VMs a fresh page costs tens of microseconds, and NumPy's per-image temporaries
# (2.4 MB each for 640x480) would otherwise be fresh pages every time, slowing the exact path ~25x.

import numpy as np
from PIL import Image

SAMPLE_PIXELS = 10_000
WEIGHTS = np.array([0.2125, 0.7154, 0.0721])


def pixels(path):
    with Image.open(path) as im:
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        return np.asarray(im)


def properties(arr, rng=None):
    """arr: H x W x 3 or H x W uint8. With rng: on 10,000 pixels sampled with replacement."""
    h, w = arr.shape[:2]
    values = [h / w, float(h * w)]
    flat = arr.reshape(h * w, -1)
    if rng is not None and h * w > SAMPLE_PIXELS:
        flat = flat[rng.integers(0, h * w, SAMPLE_PIXELS)]
    if flat.shape[1] == 1:
        gray = flat[:, 0].astype(np.float64)
        return values + [gray.mean(), gray.std(), None, None, None]
    r = flat[:, 0].astype(np.float64)
    g = flat[:, 1].astype(np.float64)
    b = flat[:, 2].astype(np.float64)
    gray = WEIGHTS[0] * r + WEIGHTS[1] * g + WEIGHTS[2] * b
    s = r + g + b
    # r + g + b = 0 (black) contributes 0 to every share and still counts.
    inv = np.divide(1.0, s, out=np.zeros_like(s), where=s > 0)
    n = len(s)
    return values + [gray.mean(), gray.std(), float(r @ inv) / n, float(g @ inv) / n, float(b @ inv) / n]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["exact", "sampled"])
    p.add_argument("dir")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--out")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    files = sorted(os.path.join(root, f) for root, _, names in os.walk(a.dir) for f in names
                   if f.lower().endswith((".jpg", ".jpeg")))
    rng = np.random.default_rng(a.seed) if a.mode == "sampled" else None
    for f in files[:a.warmup]:
        properties(pixels(f), rng)
    rows = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for f in files:
        rows.append(properties(pixels(f), rng))
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if a.out:
        with open(a.out, "w") as out:
            for f, r in zip(files, rows):
                out.write(os.path.relpath(f, a.dir) + "," + ",".join("" if v is None else repr(v) for v in r) + "\n")
    print(json.dumps({"path": "python-" + a.mode, "images": len(files), "seconds": seconds,
                      "images_per_second": len(files) / seconds, "cpu_seconds": cpu,
                      "images_per_cpu_second": len(files) / cpu}))


if __name__ == "__main__":
    main()
