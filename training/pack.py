#!/usr/bin/env python3
"""Pack a training pool small enough to travel to a GPU machine (the device tool carries 64 MiB
with the repository): the planes training would read (held-out files already removed, see
data.held_out) as 8-bit PNGs, a source over its share of the budget cut into random crops, and the
small validation sets beside them.

  python3 training/pack.py --out .data/pack --mib 22 --sources gray,natural,microscopy --val classic5
  python3 training/train.py --data .data/pack ...
"""
import argparse
import os
import random
import shutil
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
from train import DEFAULT_DATA  # noqa: E402


def png_bytes(a):
    import io
    b = io.BytesIO()
    Image.fromarray(a).save(b, "PNG", optimize=False)
    return b.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mib", type=float, default=22, help="budget for the training images, split evenly by source")
    ap.add_argument("--sources", default="gray,natural,microscopy")
    ap.add_argument("--color", action="store_true", help="an RGB pool (color task) instead of gray planes")
    ap.add_argument("--crop", type=int, default=384, help="side of the crops cut from a source over budget")
    ap.add_argument("--val", default="classic5", help="comma-separated folders under val/ copied as they are")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    srcs = args.sources.split(",")
    train = os.path.join(args.data, "train")
    load = data.load_color_pool if args.color else data.load_gray_pool
    pool = load(train, sources=srcs)
    share = int(args.mib * 2**20 / len(pool))
    for src, imgs in sorted(pool.items()):
        d = os.path.join(args.out, "train", src)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        open(os.path.join(d, data.PACKED_MARKER), "w").write(
            "written by training/pack.py: the held-out files are not in this folder\n")
        blobs = [png_bytes(a) for a in imgs]
        if sum(map(len, blobs)) > share:  # random crops, spread over all images, until the share is used
            blobs, used, c = [], 0, args.crop
            while used < share:
                a = rng.choice(imgs)
                h, w = a.shape[:2]
                y, x = rng.randint(0, max(0, h - c)), rng.randint(0, max(0, w - c))
                b = png_bytes(np.ascontiguousarray(a[y:y + c, x:x + c]))
                blobs.append(b)
                used += len(b)
        for i, b in enumerate(blobs):
            open(os.path.join(d, f"{i:05d}.png"), "wb").write(b)
        print(f"{src}: {len(imgs)} planes -> {len(blobs)} files, {sum(map(len, blobs)) / 2**20:.1f} MiB", flush=True)
    for v in filter(None, args.val.split(",")):
        dst = os.path.join(args.out, "val", v)
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(os.path.join(args.data, "val", v), dst)


if __name__ == "__main__":
    main()
