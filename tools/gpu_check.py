"""The CUDA path on a machine with an NVIDIA GPU: checked, timed, and (with --train) used for the long trainings.

    python tools/gpu_check.py --data DIR --out DIR [--train]

1. Checks: a network gives the same outputs on the GPU as on the CPU (float32 and bfloat16), `fit` trains the
   denoiser U-Net there, a GAN trains there and its samples are measured there.
2. Benchmarks, side by side in this process, on an otherwise idle machine: a training step of the shipped denoiser's U-Net and a GAN iteration,
   in float32 and bfloat16, on the GPU and on the CPU; printed as ratios against the CPU in float32.
3. With --train: the runs that take hours on two CPU cores, with the chapters' own calls, in parallel processes:
   the shipped denoiser's seeds 1 and 2 (06's `train_or_load_net` with `NET_RECIPES['unet_wide']`) and both GAN
   recipes' seeds 1 and 2 (07's `gan_seed`, measured with the committed feature CNN). Their checkpoints and
   results land in --out; the chapters read them back (their settings name no device; each records where it trained).
Nothing in the project needs a GPU: this script is for the machines that have one.
"""
import argparse, json, statistics, subprocess, sys, tempfile, time
from pathlib import Path

import torch
import torch.nn.functional as F

from fashion_unsup.data import Batches, FashionMNIST, device_name, float_images, load_fashion_mnist
from fashion_unsup.training import fingerprint, infer, train_epoch
from fashion_unsup.denoise import NET_RECIPES, NETS, NoisyInputs, evaluation_data, train_net, train_or_load_net
from fashion_unsup.gan import (GAN_SIZES, Discriminator, Generator, cnn_outputs, frechet_distance, gan_images, gan_seed,
                               gan_step, load_feature_cnn, sample, train_gan)

ROOT = Path(__file__).resolve().parents[1]

def say(*a): print(*a, flush=True)

def check_same_outputs(device:str='cuda'):
    "A U-Net's outputs on the GPU equal the CPU's within the arithmetic's rounding."
    torch.manual_seed(0)
    net, x = NETS['UNet'](width=48).eval(), torch.rand(256, 1, 28, 28)
    cpu = infer(net, x)
    gpu = infer(net.to(device), x)
    assert gpu.device.type == 'cpu', 'infer returns its outputs on the CPU'
    err = (gpu - cpu).abs().max().item()
    with torch.autocast(torch.device(device).type, torch.bfloat16): bf = infer(net, x)
    err_bf = (bf.float() - cpu).abs().max().item()
    say(f"U-Net outputs, GPU vs CPU: max |difference| {err:.2e} in float32 (TF32 convolutions), {err_bf:.2e} in bfloat16")
    assert err < 1e-2 and err_bf < 5e-2, (err, err_bf)

def check_fit(data:FashionMNIST, device:str='cuda'):
    "`fit` trains the U-Net on the GPU in both precisions; the loss falls and stays finite."
    small = FashionMNIST(data.train.first(2048), data.valid.first(512), data.test.first(512))
    for precision in ('float32', 'bfloat16'):
        recipe = {**NET_RECIPES['unet_wide'], 'epochs': 2, 'precision': precision}
        model, hist = train_net(small, recipe, 0, device, progress=False)
        assert next(model.parameters()).device.type == torch.device(device).type
        say(f"fit on the GPU, {precision}: train loss {hist.train_loss}, valid loss {hist.valid_loss}")
        assert all(torch.isfinite(torch.tensor(hist.valid_loss))) and hist.valid_loss[-1] < hist.train_loss[0]

def check_gan(data:FashionMNIST, net, device:str='cuda'):
    "A short GAN run on the GPU (bfloat16), its samples drawn and measured there."
    images = gan_images(data.train.x[:1024])
    with tempfile.TemporaryDirectory() as d:
        state = train_gan(images, d, dict(epochs=1, bs=64, precision='bfloat16'), device, progress=False)
    G = state.G.eval()
    x = sample(500, seed=0, G=G)
    f = cnn_outputs(net, x)[0]
    fcd = frechet_distance(f, cnn_outputs(net, data.test.x[:500])[0])
    say(f"GAN on the GPU: 1 epoch of 1,024 images, FCD of 500 samples {fcd:.1f} (untrained is far above 10)")
    assert x.shape == (500, 1, 28, 28) and fcd == fcd

def _time(step, n:int, cuda:bool)->float:
    "Seconds per call of `step`, after two warm-up calls."
    for _ in range(2): step()
    if cuda: torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(n): step()
    if cuda: torch.cuda.synchronize()
    return (time.perf_counter() - t)/n

def unet_step(device:str, precision:str):
    "One training step of the shipped U-Net (batch 64) on `device` in `precision`, as a callable."
    torch.manual_seed(0)
    model = NETS['UNet'](width=48).to(device, memory_format=torch.channels_last).train()
    opt = torch.optim.Adam(model.parameters(), 2e-3)
    x = float_images(torch.randint(0, 256, (64, 28, 28), dtype=torch.uint8)).to(device)
    noisy = NoisyInputs('mixed_strong', seed=0)
    def step():
        inputs, targets = noisy(x, None)
        with torch.autocast(torch.device(device).type, torch.bfloat16, enabled=precision == 'bfloat16'):
            out = model(inputs)
        loss = F.mse_loss(out.float(), targets)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return step

def gan_iteration(device:str, precision:str):
    "One DCGAN iteration (batch 128) on `device` in `precision`, as a callable."
    torch.manual_seed(0)
    G = Generator().to(device, memory_format=torch.channels_last)
    D = Discriminator().to(device, memory_format=torch.channels_last)
    adam = lambda m: torch.optim.Adam(m.parameters(), 2e-4, betas=(0.5, 0.999))
    optG, optD = adam(G), adam(D)
    real = (torch.rand(128, 1, 32, 32)*2 - 1).to(device).contiguous(memory_format=torch.channels_last)
    return lambda: gan_step(G, D, optG, optD, real, 0.9, precision)

def benchmarks(repeats:int=3)->dict:
    "Median seconds per step of each (what, device, precision), the settings interleaved over `repeats` rounds."
    settings = [(what, dev, prec) for what in ('unet', 'gan') for dev in ('cpu', 'cuda')
                for prec in ('float32', 'bfloat16')]
    make = dict(unet=unet_step, gan=gan_iteration)
    steps = {s: make[s[0]](s[1], s[2]) for s in settings}
    times = {s: [] for s in settings}
    for _ in range(repeats):
        for s in settings: times[s].append(_time(steps[s], 20 if s[1] == 'cuda' else 3, s[1] == 'cuda'))
    out = {}
    for what in ('unet', 'gan'):
        base = statistics.median(times[(what, 'cpu', 'float32')])
        for s in [s for s in settings if s[0] == what]:
            med = statistics.median(times[s])
            out['/'.join(s)] = dict(ms_per_step=1000*med, speedup_vs_cpu_float32=base/med)
            say(f"{what:5s} {s[1]:5s} {s[2]:9s}: {1000*med:8.2f} ms per step, {base/med:7.1f}x the CPU in float32")
    return out

def job(kind:str, seed:int, data_dir:str, out:Path):
    "One long training run (a subprocess of --train)."
    torch.set_num_threads(4)
    data = load_fashion_mnist(data_dir, download=False)
    if kind == 'unet':
        m = train_or_load_net(out/f'unet_wide_seed{seed}.safetensors', evaluation_data(data, None),
                              NET_RECIPES['unet_wide'], seed, 'cuda', progress=False)
        h = m.config['history']
        say(f"U-Net seed {seed}: best valid loss {min(h['valid_loss']):.6f} after {len(h['valid_loss'])} epochs, "
            f"{sum(h['seconds'])/60:.1f} min")
    else:
        net = load_feature_cnn(ROOT/'results/gan/feature_cnn.safetensors').cuda()
        with tempfile.TemporaryDirectory() as d:
            r = gan_seed(data, Path(d)/f'seed{seed}', GAN_SIZES['full'], seed, net, out, 'cuda', progress=False)
        say(f"GAN seed {seed}: test FCD shipped {r['shipped']['fcd']:.3f}, plain {r['plain']['fcd']:.3f}")

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True, help='a folder with the four Fashion-MNIST IDX files')
    p.add_argument('--out', required=True, help='where the benchmark, checkpoints and results go')
    p.add_argument('--train', action='store_true', help='also train the long runs (denoiser and GAN seeds 1, 2)')
    p.add_argument('--job', nargs=2, metavar=('KIND', 'SEED'), help=argparse.SUPPRESS)
    a = p.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    if a.job: return job(a.job[0], int(a.job[1]), a.data, out)
    assert torch.cuda.is_available(), 'no CUDA device here'
    say(f"torch {torch.__version__} on {device_name('cuda')}")
    data = load_fashion_mnist(a.data, download=False)
    say(f"data fingerprint {fingerprint(data)}")
    net = load_feature_cnn(ROOT/'results/gan/feature_cnn.safetensors').cuda()
    check_same_outputs(); check_fit(data); check_gan(data, net)
    (out/'benchmarks.json').write_text(json.dumps(dict(device=device_name('cuda'), torch=torch.__version__,
                                                       steps=benchmarks()), indent=1))
    if not a.train: return
    jobs = []   # in parallel: one GPU runs several of these small networks' trainings at once
    for kind in ('gan', 'unet'):
        for seed in (1, 2):
            log = open(out/f'{kind}_seed{seed}.log', 'w')
            jobs.append(subprocess.Popen([sys.executable, __file__, '--data', a.data, '--out', str(out),
                                          '--job', kind, str(seed)], stdout=log, stderr=subprocess.STDOUT))
    for j in jobs: j.wait(); say(f"job {' '.join(j.args[-2:])}: exit {j.returncode}")
    sys.exit(max(j.returncode for j in jobs))

if __name__ == '__main__': main()
