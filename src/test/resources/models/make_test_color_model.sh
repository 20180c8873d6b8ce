#!/usr/bin/env bash
# Makes the tiny color model the Java tests use (ColorRestorer, "JPEG Restore Color"): chroma-xs
# trained for 40 iterations on synthetic RGB images behind the tiny luma model (tiny.pt, its guide),
# so that its weights are not the identity it starts as. Run from the repository root with
# Debian's python3 (python3-torch).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
"$py" - "$tmp" <<'PY'
import os, sys
import numpy as np
from PIL import Image
root = sys.argv[1]
rng = np.random.default_rng(1)
for sub, n in (("train/color", 6), ("val/tinyrgb", 1)):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
    for i in range(n):
        y, x = np.mgrid[0:96, 0:96]
        a = np.stack([128 + 60 * np.sin(x / (3 + i + c)) * np.cos(y / (5 + c)) for c in range(3)], -1) + rng.normal(0, 10, (96, 96, 3))
        Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(os.path.join(root, sub, f"{i}.png"))
PY
"$py" training/train.py --task color --arch chroma-xs --data "$tmp" --out "$tmp/run" --iters 40 --batch 4 --patch 48 \
  --lr 2e-3 --val tinyrgb --val-every 40 --log-every 20 --train-dirs color --seed 3 --guide src/test/resources/models/tiny.pt
"$py" training/export.py --checkpoint "$tmp/run/last.pt" --name tiny-color --out src/test/resources/models --guide tiny
rm -rf "$tmp"
"$py" training/trainable.py --card src/test/resources/models/tiny-color.json  # its trainable copy (Fine-tune of a color model)
