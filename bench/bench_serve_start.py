"""Start-up of `treatykb serve` on a cold and on a warm cache: seconds until / answers.

Run: .venv/bin/python bench/bench_serve_start.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(port: int) -> float:
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/treaties", timeout=1).read()
                return time.perf_counter() - t
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("serve exited") from None
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    cache = ROOT / ".cache"
    for old in cache.glob("store-*"):
        shutil.rmtree(old)
    print(f"cold start (builds the store, 12 mechanisms): {start(8711):.1f} s")
    print(f"warm start: {start(8712):.1f} s")
    print(f"warm start: {start(8713):.1f} s")


if __name__ == "__main__":
    main()
