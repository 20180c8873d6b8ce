#!/usr/bin/env python3
"""Test-time ensembles of a luma model in PyTorch, against the single pass: the 4 mirror images
(what the Java `ensemble` option runs) and the 8 dihedral variants (mirrors and transposes). Each
variant is restored on its own 8x8 grid (a mirror moves the grid origin to (size - origin) mod 8),
mapped back and averaged. Prints mean PSNR per set and QF.

  /usr/bin/python3 bench/flip_ensemble.py --model models/luma.pt --sets classic5,BSD68 --qf 10,40
"""
import argparse
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "training"))
import data  # noqa: E402
import evaluate as ev  # noqa: E402

MIRRORS = [(False, False, False), (True, False, False), (False, True, False), (True, True, False)]
DIHEDRAL = MIRRORS + [(fx, fy, True) for fx, fy, _ in MIRRORS]


def restore(model, deg, qf, variants):
    h, w = deg.shape
    outs = []
    for fx, fy, t in variants:
        a, gx, gy = deg, 0, 0
        if fx:
            a, gx = a[:, ::-1], w % 8
        if fy:
            a, gy = a[::-1, :], h % 8
        if t:
            a, gx, gy = a.T, gy, gx
        o = ev.forward(model, np.ascontiguousarray(a)[None].astype(np.float32) / 255.0, qf, grid=(gx, gy))[0]
        if t:
            o = o.T
        if fy:
            o = o[::-1, :]
        if fx:
            o = o[:, ::-1]
        outs.append(o)
    return ev.to8(np.mean(outs, 0) * 255.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(HERE, "..", "models", "luma.pt"))
    ap.add_argument("--data", default=ev.DEFAULT_DATA)
    ap.add_argument("--sets", default="classic5,BSD68")
    ap.add_argument("--qf", default="10,40")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    model, _ = ev.load_any(args.model)
    print("| set | QF | single | 4 mirrors | 8 dihedral |\n|---|---|---|---|---|")
    for s in args.sets.split(","):
        imgs = ev.set_images(args.data, s)
        for qf in (int(q) for q in args.qf.split(",")):
            r = {1: [], 4: [], 8: []}
            t0 = time.time()
            for clean in imgs:
                deg = data.jpeg(clean, qf)
                r[1].append(ev.psnr(clean, ev.run_model(model, deg, qf)))
                r[4].append(ev.psnr(clean, restore(model, deg, qf, MIRRORS)))
                r[8].append(ev.psnr(clean, restore(model, deg, qf, DIHEDRAL)))
            m = {k: float(np.mean(v)) for k, v in r.items()}
            print(f"| {s} | {qf} | {m[1]:.3f} | {m[4]:.3f} ({m[4] - m[1]:+.3f}) | {m[8]:.3f} ({m[8] - m[1]:+.3f}) |"
                  f"  <!-- {time.time() - t0:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
