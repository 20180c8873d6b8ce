#!/usr/bin/env python3
"""Single-instrument subsets of ../shared/data/train/microscopy for the Fine-tune numbers
(BENCHMARKS.md, "Fine-tuning"), as 8-bit PNG planes the way training reads them (data.read_planes):

  OUT/SUBSET/train/  the files the shipped models trained on (fine-tune data)
  OUT/SUBSET/val/    the files no shipped model saw (data.held_out): fine-tune's --validate
  OUT/SUBSET/like/   the train planes as JPEGs at QF 20 and 35 (an "archive" for --like)

  python3 bench/finetune_sets.py --out /tmp/ft
"""
import argparse
import io
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "training"))
import data  # noqa: E402

SUBSETS = {  # name: folder under train/microscopy (one instrument or modality each)
    "em-isbi2012": "isbi2012_em",
    "fluo-w2s": "instant_image_denoising/w2s",
    "fluo-gigadb": "instant_image_denoising/gigadb",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-file", type=int, default=3, help="at most this many planes of a stack")
    args = ap.parse_args()
    root = os.path.join(args.data, "train", "microscopy")
    for name, sub in SUBSETS.items():
        counts = {"train": 0, "val": 0}
        for p in data.list_images(os.path.join(root, sub)):
            part = "val" if data.held_out(p, root) else "train"
            planes = [pl for pl in data.read_planes(p) if min(pl.shape) >= 96 and pl.std() > 1.0]
            if len(planes) > args.per_file:
                planes = [planes[round(i * (len(planes) - 1) / (args.per_file - 1))] for i in range(args.per_file)]
            stem = os.path.splitext(os.path.relpath(p, os.path.join(root, sub)))[0].replace(os.sep, "_").replace(" ", "_")
            for i, pl in enumerate(planes):
                d = os.path.join(args.out, name, part)
                os.makedirs(d, exist_ok=True)
                Image.fromarray(pl).save(os.path.join(d, f"{stem}-{i}.png"))
                counts[part] += 1
                if part == "train":
                    dl = os.path.join(args.out, name, "like")
                    os.makedirs(dl, exist_ok=True)
                    for q in (20, 35):
                        Image.fromarray(pl).save(os.path.join(dl, f"{stem}-{i}-q{q}.jpg"), quality=q)
        print(name, counts)


if __name__ == "__main__":
    main()
