"""Open a run's `report.html` in headless Chromium, at a laptop's width, and check it as a reader would see it.

The page must show its title and a contents list; every contents link must lead to an element of the page; every
image must load (complete, non-zero size) and have a caption; no table may push the page wider than the window (wide
tables scroll inside their box). `--screenshot PATH` saves what the window shows. Exits 1, listing the problems.
"""
import argparse, shutil, sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHECKS = """
const ids = new Set(Array.from(document.querySelectorAll('[id]')).map(e => e.id));
return {
  title: (document.querySelector('h1') || {}).innerText || '',
  toc: Array.from(document.querySelectorAll('nav.toc a')).map(a => a.getAttribute('href')),
  missing: Array.from(document.querySelectorAll('nav.toc a')).map(a => a.getAttribute('href').slice(1)).filter(i => !ids.has(i)),
  images: Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth, i.naturalHeight,
                                                 !!(i.closest('figure') && i.closest('figure').querySelector('figcaption'))]),
  tables: document.querySelectorAll('table').length,
  unboxed: Array.from(document.querySelectorAll('table')).filter(t => !t.closest('.scroll')).length,
  width: document.documentElement.scrollWidth, window: window.innerWidth};
"""


def browser(width:int, height:int)->webdriver.Chrome:
    opts = Options()
    for a in ('--headless', '--no-sandbox', '--disable-gpu', f'--window-size={width},{height}', '--disable-dev-shm-usage'):
        opts.add_argument(a)
    opts.binary_location = shutil.which('chromium') or shutil.which('chromium-browser') or '/usr/bin/chromium'
    return webdriver.Chrome(options=opts, service=Service(shutil.which('chromedriver') or '/usr/bin/chromedriver'))


def check(report:Path, width:int=1366, height:int=900, screenshot:str|None=None)->list[str]:
    d = browser(width, height)
    try:
        d.get(report.resolve().as_uri())
        r = d.execute_script(CHECKS)
        if screenshot: d.save_screenshot(screenshot)
    finally: d.quit()
    problems = []
    if 'run report' not in r['title']: problems.append(f"no report title (h1 {r['title']!r})")
    if len(r['toc']) < 2: problems.append(f"no contents list ({len(r['toc'])} links)")
    problems += [f"contents link to #{i}: no such element" for i in r['missing']]
    if not r['images']: problems.append('no figures')
    for alt, complete, w, h, captioned in r['images']:
        if not (complete and w > 0 and h > 0): problems.append(f"image {alt!r} did not load ({w}x{h})")
        if not captioned: problems.append(f"image {alt!r} has no caption")
    if r['unboxed']: problems.append(f"{r['unboxed']} tables outside a scrolling box")
    if r['width'] > r['window']: problems.append(f"the page is {r['width']} px wide in a {r['window']} px window")
    print(f"{report}: {len(r['toc'])} contents links, {len(r['images'])} figures, {r['tables']} tables; "
          f"page width {r['width']} px in a {r['window']} px window")
    return problems


def main(argv=None)->int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('report', type=Path, help="a run's report.html")
    p.add_argument('--screenshot', default=None, help='save a screenshot of the top of the page here')
    p.add_argument('--width', type=int, default=1366, help="the window's width in pixels (default: a laptop's)")
    args = p.parse_args(argv)
    if not args.report.is_file(): print(f"check_report: no report at {args.report}", file=sys.stderr); return 1
    problems = check(args.report, args.width, screenshot=args.screenshot)
    for problem in problems: print(f"check_report: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__': sys.exit(main())
