#!/usr/bin/env bash
# Makes the tiny blind model the Java tests use (the blind restorer, "JPEG Restore Blind"): blind-xs
# started from the tiny luma model (tiny.pt, its weights recovered from the export: train.py
# --init) and trained for 60 iterations on synthetic gray images, half of them double JPEG, so
# that its QF head predicts something other than its random start. Run from the repository root
# with Debian's python3 (python3-torch).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
"$py" - "$tmp" <<'PY'
import os, sys
import numpy as np
from PIL import Image
root = sys.argv[1]
rng = np.random.default_rng(2)
for sub, n in (("train/gray", 6), ("val/tinygray", 1)):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
    for i in range(n):
        y, x = np.mgrid[0:96, 0:96]
        a = 128 + 60 * np.sin(x / (3 + i)) * np.cos(y / 5) + rng.normal(0, 10, (96, 96))
        Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(os.path.join(root, sub, f"{i}.png"))
PY
"$py" training/train.py --task blind --arch blind-xs --init src/test/resources/models/tiny.pt --data "$tmp" --out "$tmp/run" \
  --iters 60 --batch 4 --patch 48 --lr 2e-3 --double-prob 0.5 --val tinygray --val-every 60 --log-every 20 --train-dirs gray --seed 4
"$py" training/export.py --checkpoint "$tmp/run/last.pt" --name tiny-blind --out src/test/resources/models
rm -rf "$tmp"
