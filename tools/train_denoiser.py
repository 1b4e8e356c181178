"""One seed of a `NET_RECIPES` denoiser, trained and measured as 06's full run does it (resumable).

    python tools/train_denoiser.py unet_wide 1 [--run-dir runs/denoise] [--results results/denoise] [--device cpu]

It calls the chapter's own `denoiser_seeds` for one seed: the checkpoint goes to the run directory (seed 0 is the
study's own `<key>.safetensors`, seed s `<key>_seed<s>.safetensors`) and the seed's test PSNRs, with the settings
that made them, to `denoiser_<key>_seed<s>.json` in the results directory, where the chapter reads them back. A run
that is stopped continues from its last finished epoch when started again (the `.state` file beside the checkpoint).
For the hours-long seeds of the shipped denoiser, in the background, while the chapter's notebook waits.
"""
import argparse, time
from pathlib import Path

from fashion_unsup.data import load_fashion_mnist
from fashion_unsup.denoise import DENOISE_SIZES, denoiser_seeds, net_recipes

ROOT = Path(__file__).resolve().parents[1]

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('key', help="a NET_RECIPES key, e.g. unet_wide")
    p.add_argument('seed', type=int)
    p.add_argument('--run-dir', default=str(ROOT/'runs/denoise'), help="06's full run directory")
    p.add_argument('--results', default=str(ROOT/'results/denoise'), help="where the seed's PSNRs go (committed)")
    p.add_argument('--device', default='cpu')
    a = p.parse_args()
    sizes = DENOISE_SIZES['full']
    recipes = net_recipes(sizes)
    if a.key not in recipes: p.error(f"unknown recipe {a.key!r}; choose one of {', '.join(recipes)}")
    start = time.time()
    row = denoiser_seeds(load_fashion_mnist(), None, a.run_dir, a.key, (a.seed,), sizes, results_dir=a.results,
                         device=a.device, progress=False).loc[a.seed]
    print(f"{a.key} seed {a.seed}: test PSNR per image {row.round(3).to_dict()}; "
          f"{(time.time() - start)/60:.1f} min in this process", flush=True)

if __name__ == '__main__': main()
