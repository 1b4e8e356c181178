"""Open every page of the built site (`_docs/`) in headless Chromium and check it as a reader would see it.

Each page must load and show its title; every image must have a non-zero size; every internal link must resolve
(the page exists, and so does the anchor it points at). Screenshots of the home page and of one chapter are
written to `_docs/screenshots/` for review. Exits 1, listing the problems, when a check fails.
"""
import argparse, re, shutil, sys
from pathlib import Path
from urllib.parse import urlparse, unquote

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser()->webdriver.Chrome:
    opts = Options()
    for a in ('--headless', '--no-sandbox', '--disable-gpu', '--window-size=1280,1600', '--disable-dev-shm-usage'): opts.add_argument(a)
    opts.binary_location = shutil.which('chromium') or shutil.which('chromium-browser') or '/usr/bin/chromium'
    driver = shutil.which('chromedriver') or '/usr/bin/chromedriver'
    return webdriver.Chrome(options=opts, service=Service(driver))


IMAGES = "return Array.from(document.images).map(i => [i.alt || i.src.slice(0, 40), i.complete, i.naturalWidth, i.naturalHeight])"
LINKS = "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"


def ids_of(page:Path)->set:
    "Every element id in a page, as written and percent-decoded (nbconvert percent-encodes heading anchors)."
    raw = re.findall(r'\bid="([^"]+)"', page.read_text(encoding='utf-8'))
    return set(raw) | {unquote(i) for i in raw}


def check(site:Path, shots:list[str])->list[str]:
    problems, ids = [], {}
    d = browser()
    try:
        for page in sorted(site.glob('*.html')):
            d.get(page.resolve().as_uri())
            d.execute_script("return document.readyState")
            title = d.title.strip()
            h1 = d.execute_script("const h = document.querySelector('h1'); return h ? h.innerText : ''")
            if not title or not h1: problems.append(f"{page.name}: no title shown (title {title!r}, h1 {h1!r})")
            for name, complete, w, h in d.execute_script(IMAGES):
                if not (complete and w > 0 and h > 0): problems.append(f"{page.name}: image {name!r} has size {w}x{h}")
            for href in d.execute_script(LINKS):
                u = urlparse(href)
                if u.scheme != 'file': continue
                target = Path(unquote(u.path))
                if not target.exists(): problems.append(f"{page.name}: link to missing {target.name}"); continue
                if u.fragment:
                    ids.setdefault(target, ids_of(target))
                    if unquote(u.fragment) not in ids[target]: problems.append(f"{page.name}: link to missing anchor {target.name}#{u.fragment}")
            n_img = len(d.execute_script(IMAGES))
            print(f"{page.name:>18}: title {title!r}, {n_img} images")
            if page.stem in shots:
                out = site/'screenshots'; out.mkdir(exist_ok=True)
                height = d.execute_script("return Math.min(document.body.scrollHeight, 6000)")
                d.set_window_size(1280, max(900, height))
                d.save_screenshot(str(out/f"{page.stem}.png"))
                d.set_window_size(1280, 1600)
    finally: d.quit()
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--site', default='_docs')
    p.add_argument('--shots', default='index,cae', help='pages to screenshot (comma-separated stems)')
    args = p.parse_args()
    problems = check(Path(args.site), args.shots.split(','))
    if problems:
        print(f"{len(problems)} problems:\n" + '\n'.join(problems))
        sys.exit(1)
    print("every page loads, shows its title, has sized images and resolving internal links")


if __name__ == '__main__': main()
