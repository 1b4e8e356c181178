"""Write README.md from nbs/index.ipynb without Quarto (which `nbdev_readme` needs).

The index notebook goes through nbdev's own docs processing (the `FilterDefaults` processors that
`nbdev_proc_nbs` applies: directives, hidden cells, show_doc, front matter), then nbconvert's markdown
exporter renders what is left. `--check` exits 1 when README.md is not what this would write.
"""
import argparse, os, re, shutil, sys, tempfile
from pathlib import Path

import nbformat, yaml
from execnb.nbio import read_nb, write_nb
from nbconvert import MarkdownExporter
from nbdev.config import get_config
from nbdev.processors import FilterDefaults

sys.path.insert(0, str(Path(__file__).parent))
from build_docs import prepare  # the Quarto cell options (echo: false) applied as on the site


def _front_matter(nb)->tuple[str, str]:
    "Title and description that nbdev's front-matter processor moved out of the cells."
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.startswith('---'):
            meta = yaml.safe_load(c.source.strip().strip('-')) or {}
            return meta.get('title', ''), meta.get('description', '')
    return '', ''


def render_readme(index:Path)->tuple[str, dict]:
    "README.md's text, and the images it shows (path relative to the repository → bytes)."
    nb = read_nb(index)
    os.environ['IN_TEST'] = '1'  # as nbdev's docs driver does: show_doc cells run in test mode
    FilterDefaults()(nb)
    title, desc = _front_matter(nb)
    prepare(nb)
    nb.metadata['language_info'] = {'name': 'python'}
    with tempfile.TemporaryDirectory() as d:  # execnb's notebook, normalised by a round trip through nbformat
        write_nb(nb, Path(d)/'index.ipynb')
        node = nbformat.read(Path(d)/'index.ipynb', as_version=4)
    body, res = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(
        node, resources={'output_files_dir': 'readme_files', 'unique_key': 'readme'})
    body = re.sub(r'\]\((?!https?:|readme_files/|#)([^)]+\.(?:png|jpg|svg))\)', r'](nbs/\1)', body)   # images the page links: from the root
    head = f"# {title}\n\n" + (f"> {desc}\n\n" if desc else '')
    return head + body.strip() + '\n', res.get('outputs', {})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true', help='exit 1 if README.md is stale instead of writing it')
    args = p.parse_args()
    cfg = get_config()
    index, readme = cfg.nbs_path/cfg.readme_nb, cfg.config_path/'README.md'
    text, images = render_readme(index)
    root = cfg.config_path
    if args.check:
        stale = (not readme.exists() or readme.read_text(encoding='utf-8') != text or
                 any(not (root/p).exists() or (root/p).read_bytes() != b for p, b in images.items()))
        if stale: sys.exit(f"README.md is stale: run `python tools/make_readme.py` and commit the result")
        print('README.md is up to date')
    else:
        shutil.rmtree(root/'readme_files', ignore_errors=True)
        for p, b in images.items(): (root/p).parent.mkdir(parents=True, exist_ok=True); (root/p).write_bytes(b)
        readme.write_text(text, encoding='utf-8')


if __name__ == '__main__': main()
