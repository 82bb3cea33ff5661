#!/usr/bin/python3
"""Makes the fidelity frames: real 640x480 JPEG photos (quality 85), seeded.

Each frame is a random 4:3 region (60-100% of the largest 4:3 region that fits, at a random
position, mirrored half the time) of one of the colour photographs of Debian's opencv-doc
package, resized to 640x480 (Lanczos) and saved by Pillow at quality 85 (4:2:0).

    make_frames.py SOURCE_ROOT OUT_DIR [--count 1000] [--seed 42] [--quality 85]

SOURCE_ROOT is where the package was unpacked (dpkg-deb -x), so that
SOURCE_ROOT/usr/share/doc/opencv-doc/examples/data/aero1.jpg exists.
"""
import argparse
import os
import sys

import numpy as np
from PIL import Image

DATA = "usr/share/doc/opencv-doc/examples/data/"
# The colour photographs of opencv-doc 4.6.0 with at least 640x480 pixels (renders, paintings,
# grayscale and transparent images left out).
PHOTOS = ["aero1.jpg", "aero3.jpg", "aloeL.jpg", "aloeR.jpg", "board.jpg", "building.jpg",
          "ela_original.jpg", "graf1.png", "graf3.png", "leuvenA.jpg", "leuvenB.jpg", "pca_test1.jpg",
          "stuff.jpg"]
WIDTH, HEIGHT = 640, 480


def frame(photo, rng):
    w, h = photo.size
    max_w = min(w, h * 4 // 3)
    region_w = int(round(max_w * rng.uniform(0.6, 1.0)))
    region_h = region_w * 3 // 4
    x = int(rng.integers(0, w - region_w + 1))
    y = int(rng.integers(0, h - region_h + 1))
    out = photo.crop((x, y, x + region_w, y + region_h)).resize((WIDTH, HEIGHT), Image.LANCZOS)
    if rng.random() < 0.5:
        out = out.transpose(Image.FLIP_LEFT_RIGHT)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source_root")
    p.add_argument("out_dir")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--quality", type=int, default=85)
    a = p.parse_args()
    photos = []
    for name in PHOTOS:
        path = os.path.join(a.source_root, DATA, name)
        if not os.path.isfile(path):
            sys.exit("make_frames: %s is missing (unpack opencv-doc 4.6.0 into %s)" % (path, a.source_root))
        photos.append(Image.open(path).convert("RGB"))
    os.makedirs(a.out_dir, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    for i in range(a.count):
        photo = photos[int(rng.integers(0, len(photos)))]
        frame(photo, rng).save(os.path.join(a.out_dir, "frame-%04d.jpg" % i), quality=a.quality)
    print("make_frames: %d frames of %dx%d at quality %d in %s" % (a.count, WIDTH, HEIGHT, a.quality, a.out_dir))


if __name__ == "__main__":
    main()
