"""Build the docs site offline, where Quarto (which `nbdev_docs` needs) is not available.

1. `nbdev_proc_nbs` processes the notebooks exactly as for the Quarto site (hidden cells, `#| export` cells
   replaced by their `show_doc` documentation, front matter) into `_proc/`.
2. nbconvert's HTML exporter (its `lab` template) renders every processed notebook; we then add the site's
   navigation (from `nbs/sidebar.yml`), the page title and description, and `nbs/styles.css`.
3. `_docs/` gets `index.html` from `nbs/index.ipynb` and one page per notebook, named as nbdev names them
   (`03_cae.ipynb` -> `cae.html`); links between notebooks are rewritten to those pages.
"""
import argparse, html, re, shutil, subprocess, sys
from pathlib import Path

import nbformat, yaml
from nbconvert import HTMLExporter
from nbdev.config import get_config


def page_name(nb:str)->str:
    "The page nbdev gives a notebook: the number prefix dropped, .html."
    return re.sub(r'^\d+_', '', Path(nb).stem) + '.html'


def sidebar(nbs_path:Path)->list:
    "[(section or None, [notebook, ...]), ...] from sidebar.yml."
    contents = yaml.safe_load((nbs_path/'sidebar.yml').read_text())['website']['sidebar']['contents']
    out = []
    for item in contents:
        if isinstance(item, str): out.append((None, [item]))
        else: out.append((item['section'], list(item['contents'])))
    return out


def _front_matter(nb)->dict:
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.startswith('---'): return yaml.safe_load(c.source.strip().strip('-')) or {}
    return {}


def prepare(nb):
    "Apply the Quarto cell options nbdev leaves for the renderer: echo: false hides code, other `#|` lines go."
    cells = []
    for c in nb.cells:
        if c.cell_type == 'raw': continue
        if c.cell_type == 'code':
            lines = c.source.splitlines()
            opts = [l for l in lines if l.startswith('#|')]
            c.source = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
            if any(re.match(r'#\|\s*echo:\s*false', o) for o in opts) or not c.source:
                c.metadata.setdefault('transient', {})['remove_source'] = True
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown')
                if isinstance(md, list): md = ''.join(md)   # nbformat may keep a text output as a list of lines
                if md: o['data']['text/markdown'] = re.sub(r'\{target="_blank"[^}]*\}', '', md)   # Quarto link attributes
        cells.append(c)
    nb.cells = cells
    return nb


def nav_html(nbs_path:Path, current:str)->str:
    parts = ['<nav class="site-nav"><a class="site-title" href="index.html">fashion_unsup</a>']
    for section, items in sidebar(nbs_path):
        if section: parts.append(f'<div class="nav-section">{html.escape(section)}</div>')
        for item in items:
            nb = nbformat.read(nbs_path/item, as_version=4)
            title = next((re.sub(r'^#\s*', '', c.source.splitlines()[0]) for c in nb.cells
                          if c.cell_type == 'markdown' and c.source.startswith('# ')), Path(item).stem)
            cls = ' class="current"' if page_name(item) == current else ''
            parts.append(f'<a{cls} href="{page_name(item)}">{html.escape(title)}</a>')
    return '\n'.join(parts) + '</nav>'


SITE_CSS = """
body.jp-Notebook { margin: 0; }
.site-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 230px; overflow-y: auto; padding: 1.2em 1em;
            background: #f7f7f9; border-right: 1px solid #e3e3e8; font-family: system-ui, sans-serif; font-size: 14px; }
.site-nav a { display: block; padding: 3px 6px; color: #2a5db0; text-decoration: none; border-radius: 4px; }
.site-nav a.current { background: #e4ecfa; font-weight: 600; }
.site-nav .site-title { font-size: 18px; font-weight: 700; color: #222; margin-bottom: 0.8em; }
.nav-section { margin: 1em 0 0.3em; color: #666; font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
.site-main { margin-left: 260px; max-width: 1100px; padding: 1em 2em; }
.page-header h1 { font-family: system-ui, sans-serif; margin-bottom: 0.2em; }
"""


def render(proc_nb:Path, nbs_path:Path, out:Path, css:str):
    nb = nbformat.read(proc_nb, as_version=4)
    fm = _front_matter(nb)
    exporter = HTMLExporter(template_name='lab', exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(prepare(nb))
    title = fm.get('title') or proc_nb.stem
    name = 'index.html' if proc_nb.stem == 'index' else page_name(proc_nb.name)
    header = (f'<header class="page-header"><h1>{html.escape(title)}</h1>'
              + (f'<p class="description">{html.escape(fm["description"])}</p>' if fm.get('description') else '') + '</header>')
    body = re.sub(r'<title>.*?</title>', f'<title>{html.escape(title)} – fashion_unsup</title>', body, count=1, flags=re.S)
    body = body.replace('</head>', f'<style>{SITE_CSS}\n{css}</style></head>', 1)
    body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + nav_html(nbs_path, name) + '<div class="site-main">' + header, body, count=1)
    body = body.replace('</body>', '</div></body>', 1)
    body = re.sub(r'href="(?:\./)?(\d+_[\w-]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{page_name(m.group(1))}{m.group(2) or ""}"', body)
    body = body.replace('href="index.ipynb"', 'href="index.html"')
    (out/name).write_text(body, encoding='utf-8')
    return name


def main():
    p = argparse.ArgumentParser(description='Build the docs site into _docs/ without Quarto.')
    p.add_argument('--skip-proc', action='store_true', help='use the notebooks already in _proc/')
    args = p.parse_args()
    cfg = get_config()
    root, nbs_path, out = cfg.config_path, cfg.nbs_path, cfg.config_path/cfg.doc_path
    if not args.skip_proc:
        shutil.rmtree(root/'_proc', ignore_errors=True)
        subprocess.run([sys.executable, '-c', 'from nbdev.quarto import nbdev_proc_nbs; nbdev_proc_nbs()'], check=True, cwd=root)
    shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    css = (nbs_path/'styles.css').read_text() if (nbs_path/'styles.css').exists() else ''
    pages = [render(nb, nbs_path, out, css) for nb in sorted((root/'_proc').glob('*.ipynb'))]
    if (nbs_path/'images').is_dir(): shutil.copytree(nbs_path/'images', out/'images')   # pictures the pages link to
    print(f"wrote {len(pages)} pages to {out}: {', '.join(pages)}")


if __name__ == '__main__': main()
