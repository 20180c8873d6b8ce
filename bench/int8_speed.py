#!/usr/bin/env python3
"""Speed of a luma card's int8 variant (training/int8.py) against its fp32 file on one tile-sized
input, in the PyTorch of DJL's libtorch (2.7.1), with the CPU's convolution throughput measured in
the same run (issue 25: report the fraction of it each variant reaches):

  /path/to/venv-torch-2.7.1/bin/python bench/int8_speed.py --card models/luma.json

--size 640 is a 512-px tile core with luma's 64-px tile_halo. Rounds alternate the files; the
median of --runs calls after two warm-up calls. The first call at a new QF packs the int8 weights
of that QF (timed apart).
"""
import argparse
import json
import os
import sys
import time

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import int8_fx  # noqa: E402  (timed, conv_peak)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", default=os.path.join(here, "..", "models", "luma.json"))
    ap.add_argument("--size", type=int, default=640)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--engine", default="x86")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.backends.quantized.engine = args.engine
    card = json.load(open(args.card))
    folder = os.path.dirname(os.path.abspath(args.card))
    files = {"fp32": card["file"], **{k: v["file"] for k, v in card.get("variants", {}).items()}}
    print(f"torch {torch.__version__}, engine {args.engine}, {args.threads} threads, "
          f"ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA', '(all)')}", flush=True)
    peak = int8_fx.conv_peak(args.runs)
    for k, v in peak.items():
        print(f"3x3 conv 128 -> 128 ch, 168^2, {k:18s} {v:7.0f} GFLOP/s", flush=True)
    ops = {"fp32": peak["fp32 channels_last"], "bf16": peak["bf16 channels_last"], "int8": peak["int8 (x86)"]}
    models = {k: torch.jit.load(os.path.join(folder, f)) for k, f in files.items()}
    x = torch.rand(1, 1, args.size, args.size)
    q = torch.tensor([[0.2]])
    mp = args.size * args.size / 1e6
    gop = card["flops_per_pixel"] * mp / 1e3
    for r in range(args.rounds):
        for k, m in models.items():
            t = int8_fx.timed(lambda: m(x, q), args.runs)
            print(f"round {r + 1} {k:5s} {mp / t:5.2f} MP/s  {gop / t:4.0f} G(FL)OP/s  "
                  f"{100 * gop / t / ops[k]:3.0f}% of the {k} convolution", flush=True)
    if "int8" in models:
        with torch.no_grad():
            t = time.perf_counter()
            models["int8"](x, torch.tensor([[0.7]]))
            first = time.perf_counter() - t
            t = time.perf_counter()
            models["int8"](x, torch.tensor([[0.7]]))
            print(f"int8 at a new QF: first call {first:.3f} s, the next {time.perf_counter() - t:.3f} s", flush=True)


if __name__ == "__main__":
    main()
