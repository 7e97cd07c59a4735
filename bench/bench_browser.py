"""First render of the in-browser pair comparison on the static site, over loopback (Chromium).

Run: .venv/bin/python bench/bench_browser.py SITE_DIR   (a site built by `treatykb build-site`)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

PAIRS = ["DEU/AUT", "FRA/RUS", "USA/CHN", "NLD/BRA", "JPN/SRB", "ITA/MEX", "ESP/ARG", "GBR/IND"]


def main(site: str) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "8797", "-b", "127.0.0.1", "-d", site],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            times = []
            for pair in PAIRS:
                page = browser.new_page()  # fresh page: nothing cached in the page
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:8797/compare/index.html#{pair}")
                page.wait_for_selector("#pair-app table")
                times.append((time.perf_counter() - start) * 1000)
                page.close()
            browser.close()
    finally:
        server.terminate()
    print(
        f"pair comparison, navigation to rendered table: median {statistics.median(times):.0f} ms, "
        f"max {max(times):.0f} ms over {len(times)} pairs"
    )


if __name__ == "__main__":
    main(sys.argv[1])
