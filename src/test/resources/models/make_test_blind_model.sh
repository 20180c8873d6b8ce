#!/usr/bin/env bash
# Makes the tiny blind models the Java tests use (the blind restorer, "JPEG Restore Blind"), trained
# for 60 iterations on synthetic gray images, half of them double JPEG, so that their QF heads
# predict something other than their random start:
# - tiny-blind: blind-xs started from the tiny luma model (tiny.pt, its weights recovered from the
#   export: train.py --init), restorer and predictor trained together, exported whole;
# - tiny-blind-p: blind-xs2 with the tiny luma model frozen as its restorer (--head-only), exported
#   predictor-only (export.py --predictor-only): the tiny luma model restores for it.
# Arguments: which of the two to make (default both). Run from the repository root with Debian's
# python3 (python3-torch).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}
which=${*:-tiny-blind tiny-blind-p}
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
common=(--init src/test/resources/models/tiny.pt --data "$tmp" --iters 60 --batch 4 --patch 48 --double-prob 0.5
  --val tinygray --val-every 60 --log-every 20 --train-dirs gray --seed 4)
for m in $which; do
  case $m in
    tiny-blind)
      "$py" training/train.py --task blind --arch blind-xs --out "$tmp/$m" --lr 2e-3 "${common[@]}"
      "$py" training/export.py --checkpoint "$tmp/$m/last.pt" --name tiny-blind --out src/test/resources/models ;;
    tiny-blind-p)
      "$py" training/train.py --task blind --arch blind-xs2 --head-only --out "$tmp/$m" --lr 5e-3 "${common[@]}"
      "$py" training/export.py --checkpoint "$tmp/$m/last.pt" --name tiny-blind-p --out src/test/resources/models \
        --predictor-only --guide tiny ;;
    *) echo "unknown model $m" >&2; exit 2 ;;
  esac
  rm -f "src/test/resources/models/$m.rdf.yaml" src/test/resources/models/"$m"-test-*.npy  # fixtures carry no BioImage.IO description
done
rm -rf "$tmp"
