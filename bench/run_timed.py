#!/usr/bin/python3
"""Runs a command and prints its wall-clock and CPU time (user + system of the process and its
children) as one JSON line. CPU time is the steadier figure on a shared machine: waiting for a
core does not count.

    run_timed.py LABEL IMAGES -- COMMAND...
"""
import json
import os
import subprocess
import sys
import time


def main():
    label, images = sys.argv[1], int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    before = os.times()
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        subprocess.run(command, check=True, stdout=devnull)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    print(json.dumps({"path": label, "images": images, "seconds": wall, "images_per_second": images / wall,
                      "cpu_seconds": cpu, "images_per_cpu_second": images / cpu}))


if __name__ == "__main__":
    main()
