#!/usr/bin/env python3
"""A training checkpoint small enough to travel (files of at most --part-mib), and back.

  shrink.py --checkpoint runs/x/last.pt --out DIR        # DIR/ckpt.partNN: fp16 weights (and EMA), step, args
  shrink.py --join DIR --out runs/x/last.pt              # a checkpoint train.py resumes (no optimizer state)
"""
import argparse
import glob
import io
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def portable(run_args):
    """The run's arguments with absolute paths (--data, --guide, ...) made relative to the repository
    root, so a committed checkpoint names no path of the machine that trained it."""
    return {k: os.path.relpath(os.path.normpath(v), ROOT) if isinstance(v, str) and os.path.isabs(v) else v
            for k, v in run_args.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint")
    ap.add_argument("--join")
    ap.add_argument("--out", required=True)
    ap.add_argument("--part-mib", type=float, default=15)
    args = ap.parse_args(argv)
    if args.join:
        parts = sorted(glob.glob(os.path.join(args.join, "ckpt.part*")))
        ck = torch.load(io.BytesIO(b"".join(open(p, "rb").read() for p in parts)), map_location="cpu")
        for key in ("model", "ema"):
            if key in ck:
                ck[key] = {k: v.float() if v.is_floating_point() else v for k, v in ck[key].items()}
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        torch.save(ck, args.out)
        print(f"joined {len(parts)} parts -> {args.out} (step {ck['step']})")
        return
    ck = torch.load(args.checkpoint, map_location="cpu")
    small = {k: v for k, v in ck.items() if k != "opt"}
    if isinstance(small.get("args"), dict):
        small["args"] = portable(small["args"])
    for key in ("model", "ema"):  # the weights and their moving average (train.py --ema), both in fp16
        if key in small:
            small[key] = {k: v.half() if v.is_floating_point() else v for k, v in small[key].items()}
    b = io.BytesIO()
    torch.save(small, b)
    blob, n = b.getvalue(), int(args.part_mib * 2**20)
    os.makedirs(args.out, exist_ok=True)
    for i in range(0, len(blob), n):
        open(os.path.join(args.out, f"ckpt.part{i // n:02d}"), "wb").write(blob[i:i + n])
    print(f"step {ck['step']}: {len(blob) / 2**20:.1f} MiB in {(len(blob) + n - 1) // n} parts")


if __name__ == "__main__":
    main()
