#!/usr/bin/env bash
# Makes the tiny luma model the Java tests use (tiling, restorer, commands): blockunet-xs trained
# for 40 iterations on synthetic images, so that its weights are not the identity it starts as.
# Run from the repository root with Debian's python3 (python3-torch).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
"$py" - "$tmp" <<'PY'
import os, sys
import numpy as np
from PIL import Image
root = sys.argv[1]
rng = np.random.default_rng(0)
for sub, n in (("train/gray", 6), ("val/tiny", 1)):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
    for i in range(n):
        y, x = np.mgrid[0:96, 0:96]
        a = 128 + 60 * np.sin(x / (3 + i)) * np.cos(y / 5) + rng.normal(0, 10, (96, 96))
        Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(os.path.join(root, sub, f"{i}.png"))
PY
"$py" training/train.py --arch blockunet-xs --data "$tmp" --out "$tmp/run" --iters 40 --batch 4 --patch 48 \
  --lr 2e-3 --val tiny --val-every 40 --log-every 20 --train-dirs gray --seed 3
"$py" training/export.py --checkpoint "$tmp/run/last.pt" --name tiny --out src/test/resources/models
# its bf16 variant (tiny-bf16.pt, recorded in the card), checked on the synthetic image only
"$py" training/bf16.py --card src/test/resources/models/tiny.json --data "$tmp" --sets tiny --limit 1
# its int8 variant (tiny-int8.pt, recorded in the card), with the PyTorch of DJL's libtorch (2.7.1;
# PY271=path/to/python of a venv with torch==2.7.1), calibrated on 64-px crops of the synthetic images
"${PY271:-$py}" training/int8.py --card src/test/resources/models/tiny.json --data "$tmp" --sets tiny --limit 1 \
  --crops 4 --side 64 --qfs 10,50,90
rm -rf "$tmp"
