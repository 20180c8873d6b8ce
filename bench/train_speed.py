#!/usr/bin/env python3
"""Seconds per training step on this machine for a model/task, under several PyTorch settings:
fp32, bf16 autocast, channels_last, torch.compile (where the PyTorch version has them). The same
random batch every step (data loading is measured separately: --data-only).

  python3 bench/train_speed.py --arch chroma-s --task color --steps 10
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "training"))
import models  # noqa: E402


def step_time(model, x, q, y, amp, steps, warm=3):
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    times = []
    for i in range(warm + steps):
        t = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=amp):
            out = model(x, q)
            loss = (out.float() - y).abs().mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if i >= warm:
            times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="chroma-s")
    ap.add_argument("--task", default="color")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--patch", type=int, default=96)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    in_ch, out_ch, _ = models.TASK_CHANNELS[args.task]
    x = torch.rand(args.batch, in_ch, args.patch, args.patch)
    y = torch.rand(args.batch, out_ch, args.patch, args.patch)
    q = torch.rand(args.batch, 1)
    print(f"torch {torch.__version__}, {args.arch}/{args.task}, batch {args.batch}x{args.patch}^2, {args.threads} threads")
    configs = [("fp32", False, False, False), ("bf16 autocast", True, False, False), ("fp32 channels_last", False, True, False),
               ("bf16 autocast + channels_last", True, True, False)]
    if hasattr(torch, "compile"):
        configs += [("fp32 torch.compile", False, False, True), ("bf16 autocast + torch.compile", True, False, True)]
    for name, amp, cl, comp in configs:
        m = models.build(args.arch, args.task)
        xx = x
        if cl:
            m = m.to(memory_format=torch.channels_last)
            xx = x.contiguous(memory_format=torch.channels_last)
        if comp:
            m = torch.compile(m)
        try:
            s = step_time(m, xx, q, y, amp, args.steps)
            print(f"{name:32s} {s:.3f} s/step")
        except Exception as e:  # a setting this build cannot run
            print(f"{name:32s} failed: {type(e).__name__}: {str(e).splitlines()[0][:100]}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
