#!/usr/bin/env python3
"""int8 for the luma model on the CPU (issue 25): post-training static quantization of the shipped
network (FX graph mode, the x86 / fbgemm / onednn engines), its speed against fp32 and bf16 on one
tile-sized input, and its PSNR against fp32 on the validation sets. Run with a PyTorch of DJL's
libtorch version (2.7.1), so that what it measures is what the suite would load:

  PYTHONPATH=/path/to/torch-2.7.1 python3 bench/int8_fx.py --card models/luma.json \
      --data ../shared/data --calib 24 --sets classic5,BSD68 --qf 10,40,90

Speed: a 672 x 672 input (a 512-px tile core with the card's 80-px halo), --threads threads,
median of --runs runs after two warm-up runs. The FiLM scale and shift (QF-dependent) stay in
float between quantized convolutions, as they must (one network serves every QF).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "training"))
import bf16  # noqa: E402
import data  # noqa: E402
import evaluate  # noqa: E402
import export  # noqa: E402
from int8 import calibration_batches  # noqa: E402
import models  # noqa: E402


def timed(fn, runs):
    with torch.no_grad():
        for _ in range(2):
            fn()
        t = []
        for _ in range(runs):
            s = time.perf_counter()
            fn()
            t.append(time.perf_counter() - s)
    t.sort()
    return t[len(t) // 2]


def conv_peak(runs, ch=128, side=168):
    """GFLOP/s (GOP/s for int8) of one ch -> ch 3x3 convolution on [1, ch, side, side] in this
    libtorch: fp32 (NCHW and NHWC), bf16 (NHWC) and quantized int8 (the x86 engine): the CPU's
    convolution throughput that a network's rate is a fraction of."""
    conv = torch.nn.Conv2d(ch, ch, 3, padding=1).eval()
    x = torch.rand(1, ch, side, side)
    ops = 2 * 9 * ch * ch * side * side / 1e9
    out = {}
    out["fp32"] = ops / timed(lambda: conv(x), runs)
    cl, xc = conv.to(memory_format=torch.channels_last), x.contiguous(memory_format=torch.channels_last)
    out["fp32 channels_last"] = ops / timed(lambda: cl(xc), runs)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out["bf16 channels_last"] = ops / timed(lambda: cl(xc), runs)
    torch.backends.quantized.engine = "x86"
    qc = torch.ao.nn.quantized.Conv2d(ch, ch, 3, padding=1)
    qc.set_weight_bias(torch.quantize_per_channel(conv.weight.detach(), torch.full((ch,), 0.01), torch.zeros(ch, dtype=torch.long), 0, torch.qint8), conv.bias.detach())
    qx = torch.quantize_per_tensor(xc, 1 / 255, 0, torch.quint8)
    out["int8 (x86)"] = ops / timed(lambda: qc(qx), runs)
    return out


class FiLM(torch.nn.Module):
    """The QF-dependent per-channel scale and shift, kept float (a quantized broadcast mul/add is
    slower in libtorch than the float one with its dequantize and quantize)."""

    def forward(self, h, g, b):
        return h * (1.0 + g[:, :, None, None]) + b[:, :, None, None]


class Add(torch.nn.Module):
    """A residual or skip add, kept float when INT8_FLOAT_ADD=1."""

    def forward(self, a, b):
        return a + b


def block(blk, film, add, x, e):
    g, b = blk.film(e).chunk(2, dim=1)
    h = torch.nn.functional.relu(blk.c1(x))
    return add(x, blk.c2(film(h, g, b)))


class Body(torch.nn.Module):
    """The levels from ``start`` down and back up: what is quantized. Above them (the head
    convolution, level 0 when start is 1, the tail convolution and the residual add: the image in
    and out) stays float, else the output itself is rounded to int8's 256 levels."""

    def __init__(self, net, start=0):
        super().__init__()
        self.net, self.start = net, start
        self.film = FiLM()
        self.add = Add()

    def forward(self, h, e):
        n = self.net
        skips = []
        for i in range(self.start, len(n.enc)):
            for blk in n.enc[i]:
                h = block(blk, self.film, self.add, h, e) if FLOAT_FILM else blk(h, e)
            if i < len(n.down):
                skips.append(h)
                h = n.down[i](torch.nn.functional.pixel_unshuffle(h, 2))
        for i in range(len(n.up) - 1, self.start - 1, -1):
            h = self.add(torch.nn.functional.pixel_shuffle(n.up[i](h), 2), skips[i - self.start])
            for blk in n.dec[i]:
                h = block(blk, self.film, self.add, h, e) if FLOAT_FILM else blk(h, e)
        return h


class Split(torch.nn.Module):
    """head (float) -> [level 0 float] -> quantized body -> [level 0 float] -> tail (float) + the image."""

    def __init__(self, net, body, start):
        super().__init__()
        self.net, self.body, self.start = net, body, start

    def outer(self, x, e):
        n = self.net
        h = n.head(x)
        if self.start == 0:
            return h, None
        for blk in n.enc[0]:
            h = blk(h, e)
        return n.down[0](torch.nn.functional.pixel_unshuffle(h, 2)), h

    def forward(self, x, qf):
        n = self.net
        e = n.embed(qf)
        h, skip = self.outer(x, e)
        if CHANNELS_LAST:
            h = h.contiguous(memory_format=torch.channels_last)
        h = self.body(h, e)
        if self.start == 1:
            h = torch.nn.functional.pixel_shuffle(n.up[0](h), 2) + skip
            for blk in n.dec[0]:
                h = blk(h, e)
        return x + n.tail(h)


FLOAT_ADD = os.environ.get("INT8_FLOAT_ADD", "1") == "1"
FLOAT_FILM = os.environ.get("INT8_FLOAT_FILM", "1") == "1"
CHANNELS_LAST = os.environ.get("INT8_CL", "1") == "1"  # quantized convolutions give NHWC: keep every tensor so
START = int(os.environ.get("INT8_START", "0"))  # 1: the full-resolution level stays float
FULL_RANGE = os.environ.get("INT8_FULL_RANGE", "1") == "1"


def quantize(net, engine, calib):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = engine
    qmap = get_default_qconfig_mapping(engine)
    if FULL_RANGE:
        # 8-bit activations (the default x86 qconfig keeps 7, for CPUs without VNNI, where the
        # 8-bit products can saturate), weights per channel
        from torch.ao.quantization import QConfig, HistogramObserver, PerChannelMinMaxObserver
        qc = QConfig(activation=HistogramObserver.with_args(reduce_range=False),
                     weight=PerChannelMinMaxObserver.with_args(dtype=torch.qint8, qscheme=torch.per_channel_symmetric))
        qmap = qmap.set_global(qc)
    # the QF embedding's and FiLM's Linear layers stay float: they run once per call
    qmap = qmap.set_object_type(torch.nn.Linear, None).set_module_name("film", None)
    if FLOAT_ADD:
        qmap = qmap.set_module_name("add", None)
    start = START
    split = Split(net, None, start)
    with torch.no_grad():
        body_in = [(split.outer(x, net.embed(q))[0], net.embed(q)) for x, q in calib]
    prepared = prepare_fx(Body(net, start).eval(), qmap, body_in[0])
    with torch.no_grad():
        for h, e in body_in:
            prepared(h, e)
    return Split(net, convert_fx(prepared), start).eval()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", default="models/luma.json")
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--calib", type=int, default=24)
    ap.add_argument("--engines", default="x86,fbgemm,onednn")
    ap.add_argument("--sets", default="classic5")
    ap.add_argument("--qf", default="10,40,90")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", type=int, default=672)
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--save", help="write the int8 TorchScript of the first engine here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    card = json.load(open(args.card))
    weights = os.path.join(os.path.dirname(args.card), card["file"])
    state = export.state_from_torchscript(weights, card["architecture"], card["task"])
    net = models.build(card["architecture"], card["task"])
    net.load_state_dict(state)
    net.eval()
    print(f"torch {torch.__version__}, engines {torch.backends.quantized.supported_engines}, "
          f"default {torch.backends.quantized.engine}, {args.threads} threads", flush=True)
    for k, v in conv_peak(args.runs).items():
        print(f"3x3 conv 128 ch, {k:18s} {v:6.0f} GFLOP/s", flush=True)
    gflop = card["flops_per_pixel"] * args.size * args.size / 1e9
    print(f"the network: {card['flops_per_pixel']} FLOP/px, {gflop:.1f} GFLOP per {args.size}^2 call; "
          "GFLOP/s below = that / time", flush=True)
    x = torch.rand(1, 1, args.size, args.size)
    q = torch.tensor([[0.2]])
    mp = args.size * args.size / 1e6
    ref = timed(lambda: net(x, q), args.runs)
    print(f"{'fp32 eager':42s} {ref:.3f} s  {mp / ref:.2f} MP/s (of the padded tile)  {gflop / ref:.0f} GFLOP/s", flush=True)
    import copy
    variants = {
        "fp32 NCHW (the file before channels_last)": torch.jit.freeze(torch.jit.trace(export.Wrapped(net).eval(), (x, q))),
        "fp32 channels_last (export.ChannelsLast)": torch.jit.freeze(torch.jit.trace(export.Wrapped(export.ChannelsLast(copy.deepcopy(net))).eval(), (x, q))),
        "bf16 channels_last (bf16.trace_bf16)": bf16.trace_bf16(net, card["task"], channels_last=True),
    }
    for name, m in variants.items():
        t = timed(lambda: m(x, q), args.runs)
        print(f"{name:42s} {t:.3f} s  {mp / t:.2f} MP/s  {gflop / t:.0f} GFLOP/s", flush=True)
    qfs = [int(v) for v in args.qf.split(",")]
    calib = calibration_batches(args.data, args.calib, [5, 10, 20, 30, 50, 70, 90])
    results = {}
    for engine in args.engines.split(","):
        try:
            base = models.build(card["architecture"], card["task"])
            base.load_state_dict(state)
            qnet = quantize(base, engine, calib)
            qs = torch.jit.freeze(torch.jit.trace(qnet, (x, q)))
            t = timed(lambda: qs(x, q), args.runs)
            print(f"{'int8 ' + engine + ' (FX, this script)':42s} {t:.3f} s  {mp / t:.2f} MP/s  {gflop / t:.0f} GOP/s", flush=True)
            results[engine] = qs
            if args.save and len(results) == 1:
                qs.save(args.save)
                print(f"saved {args.save}")
        except Exception as e:  # noqa: BLE001
            print(f"int8 {engine}: failed: {type(e).__name__}: {str(e).splitlines()[0]}", flush=True)
    if args.no_quality:
        return
    for s in args.sets.split(","):
        imgs = evaluate.set_images(args.data, s)
        for qf in qfs:
            row = {"fp32": [], **{e: [] for e in results}}
            for clean in imgs:
                deg = data.jpeg(clean, qf)
                torch.backends.quantized.engine = "x86"
                row["fp32"].append(evaluate.psnr(clean, evaluate.run_model(net, deg, qf)))
                for e, m in results.items():
                    torch.backends.quantized.engine = e
                    row[e].append(evaluate.psnr(clean, evaluate.run_model(m, deg, qf)))
            f = float(np.mean(row["fp32"]))
            print(f"{s} QF {qf}: fp32 {f:.3f}  " + "  ".join(f"{e} {np.mean(row[e]):.3f} ({np.mean(row[e]) - f:+.3f})" for e in results), flush=True)


if __name__ == "__main__":
    main()
