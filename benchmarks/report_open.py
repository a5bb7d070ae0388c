"""How fast an HTML report opens and answers in headless Chromium: first paint, time to
interactive, filter and search latency, DOM size; several reports side by side, interleaved.

    python benchmarks/report_open.py before=/tmp/old.html after=/tmp/new.html --runs 3

Each report is opened in a fresh page (1400×1000 unless `--width`) `--runs` times, the reports
taking turns, so a busy machine slows every one alike. Figures are the median of the runs:

- **paint**: the first contentful paint, from navigation start.
- **interactive**: the end of the last long task (a task of 50 ms or more on the main thread)
  before a quiet window of `--quiet` seconds with none, and never before first paint or
  DOMContentLoaded: Lighthouse's time to interactive, a local file having no network to wait for.
- **filter**: a change-kind button ("number") clicked, until the next frame after its answer is
  painted (the click handler, style, layout and paint); then clicked again to clear it.
- **search**: a word typed into the search box, until the count of statements changed and the
  next frame is painted (the page waits 150 ms after the last key before it filters; that wait is
  taken off).
- **nodes**: DOM elements once the page is quiet.

Needs Playwright and /usr/bin/chromium (installed with the test extras); writes nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

__all__ = ["open_once", "main"]

CHROMIUM = "/usr/bin/chromium"
LONG_TASKS = """
window.__long = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__long.push(e.startTime + e.duration); })
  .observe({type: "longtask", buffered: true});
"""
QUIET = """async (quiet) => {
  const last = () => window.__long.length ? Math.max(...window.__long) : 0;
  for (;;) {
    const now = performance.now();
    if (now - last() >= quiet) return last();
    await new Promise(r => setTimeout(r, 100));
  }
}"""
CLICK = """async (selector) => {
  const t = performance.now();
  document.querySelector(selector).click();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t;
}"""
SEARCH = """async (word) => {
  const box = document.getElementById('f-text'), count = document.getElementById('f-count');
  const before = count.value;
  box.value = word;
  const t = performance.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
  while (count.value === before) await new Promise(r => setTimeout(r, 5));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t - 150;
}"""


def open_once(browser, html: Path, width: int, quiet: float) -> dict:
    """One fresh page: the figures of the module docstring, in seconds."""
    page = browser.new_page(viewport={"width": width, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(LONG_TASKS)
    page.goto(html.as_uri(), wait_until="load", timeout=300_000)
    last = page.evaluate(QUIET, quiet * 1000)
    timing = page.evaluate("""() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return {paint: paint ? paint.startTime : 0, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
              nodes: document.getElementsByTagName('*').length};
    }""")
    page.wait_for_selector("#filters:not([hidden])")
    on = page.evaluate(CLICK, "#filters button.kind[data-kind='number']")
    off = page.evaluate(CLICK, "#filters button.kind[data-kind='number']")
    search = page.evaluate(SEARCH, "beijing")
    page.close()
    return {"paint": timing["paint"] / 1000, "interactive": max(last, timing["paint"], timing["dcl"]) / 1000,
            "load": timing["load"] / 1000, "filter": on / 1000, "unfilter": off / 1000,
            "search": search / 1000, "nodes": timing["nodes"], "errors": errors}


def _labelled(text: str) -> tuple[str, Path]:
    label, _, path = text.rpartition("=")
    return (label or Path(path).stem, Path(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="+", type=_labelled, help="LABEL=FILE.html (or FILE.html)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--quiet", type=float, default=3.0, help="seconds without a long task that end the wait")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {label: [] for label, _ in args.reports}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(args.runs):
            for label, path in args.reports:
                runs[label].append(open_once(browser, path, args.width, args.quiet))
                print(f"{label}: {runs[label][-1]}", file=sys.stderr)
        browser.close()
    keys = ("paint", "interactive", "load", "filter", "unfilter", "search")
    print("| report | size | nodes | " + " | ".join(keys) + " | page errors |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in keys) + " | ---: |")
    for label, path in args.reports:
        got = runs[label]
        cells = [f"{statistics.median(r[k] for r in got):.2f} s" for k in keys]
        print(f"| {label} | {path.stat().st_size / 1e6:.2f} MB | {got[-1]['nodes']:,} | " + " | ".join(cells)
              + f" | {sum(len(r['errors']) for r in got)} |")


if __name__ == "__main__":
    main()
