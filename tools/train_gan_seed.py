"""One seed of the GAN chapter's equal-budget comparison, trained and measured as 07's full run does it (resumable).

    python tools/train_gan_seed.py SEED [--run-dir runs/gan] [--results results/gan] [--device cpu]

It calls the chapter's own `gan_seed` with the full run's sizes and the committed feature CNN: seed 0 is the study's
own run (`runs/gan`, the shipped recipe and the plain one), seed s trains both recipes in `runs/gan/seed<s>`. On a CPU
the two recipes' runs train at once, each in a process of its own with one thread (on two cores that is faster than one
run after the other with two threads); each continues from its last finished epoch when started again. Then the seed's
chosen snapshots and their test FCDs go to `equal_budget_seed<s>.json` in the results directory, where the chapter
reads them back. Hours per seed on a CPU: for the background, while the chapter's notebook waits.
"""
import argparse, subprocess, sys, time
from pathlib import Path

import torch

from fashion_unsup.data import load_fashion_mnist
from fashion_unsup.gan import (GAN_SHIPPED, GAN_SIZES, gan_images, gan_seed, plain_recipe, study_data, train_gan,
                               train_or_load_feature_cnn, training_images)

ROOT = Path(__file__).resolve().parents[1]

def train_one(run_dir:Path, seed:int, folder:str, device:str):
    "Train (or continue) one recipe's run of the seed, in `run_dir/folder`, exactly as `gan_study` would."
    sizes = GAN_SIZES['full']
    recipe = {**GAN_SHIPPED, **sizes.recipe, 'seed': seed}
    plain, same = plain_recipe(recipe, sizes.plain_epochs)
    if folder == 'plain' and same: return     # the plain generator comes from the recipe's own run
    images = gan_images(training_images(study_data(load_fashion_mnist(), sizes.n_images)))
    train_gan(images, run_dir/folder, recipe if folder == 'train' else plain, device, progress=False)

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('seed', type=int)
    p.add_argument('--run-dir', default=str(ROOT/'runs/gan'), help="07's full run directory (seed 0's runs)")
    p.add_argument('--results', default=str(ROOT/'results/gan'), help="the feature CNN and the seeds' results")
    p.add_argument('--device', default='cpu')
    p.add_argument('--only', choices=('train', 'plain'), help="train this recipe's run only, in one thread")
    a = p.parse_args()
    if a.seed < 0: p.error(f"a seed is a non-negative integer, got {a.seed}")
    run_dir = Path(a.run_dir) if a.seed == 0 else Path(a.run_dir)/f'seed{a.seed}'
    if a.only:
        torch.set_num_threads(1)
        return train_one(run_dir, a.seed, a.only, a.device)
    start = time.time()
    if a.device == 'cpu':    # both runs at once, then the measurements below find them finished
        args = [sys.executable, __file__, str(a.seed), '--run-dir', a.run_dir, '--device', a.device, '--only']
        procs = [subprocess.Popen(args + [folder]) for folder in ('plain', 'train')]
        if any(proc.wait() for proc in procs): sys.exit(f"GAN seed {a.seed}: a run failed (see the lines above)")
    sizes, data = GAN_SIZES['full'], load_fashion_mnist()
    net = train_or_load_feature_cnn(Path(a.results)/'feature_cnn.safetensors', data, sizes.feature_epochs,
                                    progress=False)
    row = gan_seed(data, run_dir, sizes, a.seed, net, a.results, a.device, progress=False)
    print(f"GAN seed {a.seed}: test FCD shipped recipe {row['shipped']['fcd']:.2f}, plain {row['plain']['fcd']:.2f}; "
          f"{(time.time() - start)/60:.1f} min in this process", flush=True)

if __name__ == '__main__': main()
