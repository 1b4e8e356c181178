"""One seed of the GAN chapter's equal-budget comparison, trained and measured as 07's full run does it (resumable).

    python tools/train_gan_seed.py SEED [--run-dir runs/gan] [--results results/gan] [--device cpu]

It calls the chapter's own `gan_seed` with the full run's sizes and the committed feature CNN: seed 0 is the study's
own run (`runs/gan`, the shipped recipe and the plain one), seed s trains both recipes in `runs/gan/seed<s>`. Each GAN
run continues from its last finished epoch when started again; the seed's chosen snapshots and their test FCDs go to
`equal_budget_seed<s>.json` in the results directory, where the chapter reads them back. Hours per seed on a CPU: for
the background, while the chapter's notebook waits.
"""
import argparse, time
from pathlib import Path

from fashion_unsup.data import load_fashion_mnist
from fashion_unsup.gan import GAN_SIZES, gan_seed, train_or_load_feature_cnn

ROOT = Path(__file__).resolve().parents[1]

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('seed', type=int)
    p.add_argument('--run-dir', default=str(ROOT/'runs/gan'), help="07's full run directory (seed 0's runs)")
    p.add_argument('--results', default=str(ROOT/'results/gan'), help="the feature CNN and the seeds' results")
    p.add_argument('--device', default='cpu')
    a = p.parse_args()
    if a.seed < 0: p.error(f"a seed is a non-negative integer, got {a.seed}")
    sizes, data, start = GAN_SIZES['full'], load_fashion_mnist(), time.time()
    net = train_or_load_feature_cnn(Path(a.results)/'feature_cnn.safetensors', data, sizes.feature_epochs,
                                    progress=False)
    run_dir = Path(a.run_dir) if a.seed == 0 else Path(a.run_dir)/f'seed{a.seed}'
    row = gan_seed(data, run_dir, sizes, a.seed, net, a.results, a.device, progress=False)
    print(f"GAN seed {a.seed}: test FCD shipped recipe {row['shipped']['fcd']:.2f}, plain {row['plain']['fcd']:.2f}; "
          f"{(time.time() - start)/60:.1f} min in this process", flush=True)

if __name__ == '__main__': main()
