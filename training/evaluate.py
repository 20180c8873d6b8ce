#!/usr/bin/env python3
"""Metrics with the definitions of docs/architecture.md (the same as the Java `metrics` package),
and evaluation of a checkpoint or TorchScript file on validation sets at several QFs.

  python3 training/evaluate.py --model runs/luma/last.pt --sets classic5,Set12,BSD68 --qf 10,20,30,40
"""
import argparse
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))


def read_image(path, color=False):
    from PIL import Image
    im = Image.open(path)
    if color:
        return np.array(im.convert("RGB"))
    if im.mode in ("RGB", "RGBA"):
        return data.rgb_to_y(np.array(im.convert("RGB")))
    return np.array(im.convert("L")) if im.mode != "L" else np.array(im)


def _planes(a):
    a = np.asarray(a, dtype=np.float64)
    return [a] if a.ndim == 2 else [a[..., c] for c in range(a.shape[-1])]


def mse(ref, test):
    return float(np.mean((np.asarray(ref, np.float64) - np.asarray(test, np.float64)) ** 2))


def psnr(ref, test):
    m = mse(ref, test)
    return float("inf") if m == 0 else 10 * math.log10(255.0 ** 2 / m)


def _gauss_window():
    g = np.exp(-((np.arange(11) - 5) ** 2) / (2 * 1.5 ** 2))
    g /= g.sum()
    return g


def _valid_filter(a, w1d):
    """Separable 'valid' correlation with a 1D kernel along both axes."""
    k = len(w1d)
    h = sum(w1d[i] * a[:, i:a.shape[1] - k + 1 + i] for i in range(k))
    return sum(w1d[i] * h[i:h.shape[0] - k + 1 + i, :] for i in range(k))


def ssim(ref, test, window="gaussian"):
    w = _gauss_window() if window == "gaussian" else np.full(8, 1 / 8.0)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    vals = []
    for x, y in zip(_planes(ref), _planes(test)):
        if min(x.shape) < len(w):
            raise ValueError("image smaller than the SSIM window")
        mx, my = _valid_filter(x, w), _valid_filter(y, w)
        sxx = _valid_filter(x * x, w) - mx * mx
        syy = _valid_filter(y * y, w) - my * my
        sxy = _valid_filter(x * y, w) - mx * my
        s = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
        vals.append(s.mean())
    return float(np.mean(vals))


def bef(y):
    """Blocking effect factor of Yim & Bovik on the test image (B = 8)."""
    y = np.asarray(y, np.float64)
    h, w = y.shape
    dh = (y[:, :-1] - y[:, 1:]) ** 2  # horizontal neighbour pairs (c, c+1)
    dv = (y[:-1, :] - y[1:, :]) ** 2
    hb = np.zeros(w - 1, bool)
    hb[7::8] = True
    vb = np.zeros(h - 1, bool)
    vb[7::8] = True
    n_hb = h * (w / 8 - 1)  # real division, as FBCNN's compute_bef
    n_vb = w * (h / 8 - 1)
    n_hbc = h * (w - 1) - n_hb
    n_vbc = w * (h - 1) - n_vb
    db = (dh[:, hb].sum() + dv[vb, :].sum()) / (n_hb + n_vb)
    dbc = (dh[:, ~hb].sum() + dv[~vb, :].sum()) / (n_hbc + n_vbc)
    eta = math.log2(8) / math.log2(min(h, w)) if db > dbc else 0.0
    return eta * (db - dbc)


def psnrb(ref, test):
    """PSNR-B; for several channels the MSE and the blocking factor are averaged over channels."""
    ms, bs = [], []
    for x, y in zip(_planes(ref), _planes(test)):
        ms.append(mse(x, y))
        bs.append(bef(y))
    m = float(np.mean(ms)) + float(np.mean(bs))
    return float("inf") if m == 0 else 10 * math.log10(255.0 ** 2 / m)


def forward(model, planes, qf, device=None):
    """Run a restorer on float planes [C, H, W] in [0, 1]: pads to the size multiple by edge
    replication, crops back; returns the output planes (float, clipped to [0, 1])."""
    import torch
    import models
    m = models.SIZE_MULTIPLE
    c, h, w = planes.shape
    a = np.pad(planes.astype(np.float32), ((0, 0), (0, (-h) % m), (0, (-w) % m)), mode="edge")
    x = torch.from_numpy(a)[None]
    q = torch.tensor([[qf / 100.0]], dtype=torch.float32)
    if device is not None:
        x, q = x.to(device), q.to(device)
    with torch.no_grad():
        y = model(x, q)
        if isinstance(y, (tuple, list)):
            y = y[0]
    return np.clip(y[0, :, :h, :w].float().cpu().numpy(), 0.0, 1.0)


def to8(a):
    return np.clip(np.round(a), 0, 255).astype(np.uint8)


def run_model(model, deg, qf, task="luma", device=None):
    """Restore one uint8 image (2D gray) with a torch module. Returns uint8."""
    return to8(forward(model, deg[None].astype(np.float32) / 255.0, qf, device)[0] * 255.0)


def restore_rgb(luma, color, deg, qf, device=None):
    """The full pipeline on an 8-bit RGB image: JFIF Y restored by ``luma``, then Cb/Cr by ``color``
    guided by the restored Y (``color`` None: chroma kept, the luma-only pipeline). Returns uint8 RGB."""
    ycc = data.rgb_to_ycbcr(deg) / 255.0
    y = forward(luma, ycc[None, ..., 0], qf, device)[0]
    cbcr = ycc[..., 1:].transpose(2, 0, 1)
    if color is not None:
        cbcr = forward(color, np.concatenate([y[None], cbcr], 0), qf, device)
    out = np.stack([y, cbcr[0], cbcr[1]], -1) * 255.0
    return to8(data.ycbcr_to_rgb(out))


def load_any(path):
    import torch
    import models
    if path.endswith(".pt") and "jit" not in path:
        ck = torch.load(path, map_location="cpu")
        if isinstance(ck, dict) and "model" in ck:
            m = models.build(ck["arch"], ck["task"])
            m.load_state_dict(ck["model"])
            return m.eval(), ck["task"]
    m = torch.jit.load(path, map_location="cpu")
    card = os.path.splitext(path)[0] + ".json"
    task = json.load(open(card))["task"] if os.path.exists(card) else "luma"
    return m.eval(), task


def evaluate_sets(model, task, data_dir, sets, qfs, log=None, luma=None):
    """Mean (PSNR, SSIM, PSNR-B) per set and QF. Gray tasks: on Y (gray). Color: on RGB (all
    channels, 4:2:0 JPEG), with the luma-only pipeline as a third row; ``luma`` is then required."""
    res = {}
    for s in sets:
        files = data.list_images(os.path.join(data_dir, "val", s))
        imgs = [read_image(p, color=task == "color") for p in files]
        for qf in qfs:
            rows = {"jpeg": [], "restored": []} if task != "color" else {"jpeg": [], "luma_only": [], "restored": []}
            for clean in imgs:
                deg = data.jpeg(clean, qf)
                outs = {"jpeg": deg}
                if task == "color":
                    outs["luma_only"] = restore_rgb(luma, None, deg, qf)
                    outs["restored"] = restore_rgb(luma, model, deg, qf)
                else:
                    outs["restored"] = run_model(model, deg, qf, task)
                for k, v in outs.items():
                    rows[k].append((psnr(clean, v), ssim(clean, v), psnrb(clean, v)))
            r = {k: [round(float(v), 4) for v in np.mean(np.array(rows[k]), 0)] for k in rows}
            res.setdefault(s, {})[str(qf)] = r
            if log:
                log(f"{s} QF{qf}: " + "  ".join(f"{k} {v}" for k, v in r.items()))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--sets", default="classic5,Set12,BSD68")
    ap.add_argument("--qf", default="10,20,30,40")
    ap.add_argument("--json", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--luma", default=os.path.join(HERE, "..", "models", "luma.pt"),
                    help="luma model guiding a color model (TorchScript or checkpoint)")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    model, task = load_any(args.model)
    luma = load_any(args.luma)[0] if task == "color" else None
    res = evaluate_sets(model, task, args.data, args.sets.split(","), [int(q) for q in args.qf.split(",")],
                        log=lambda s: print(s, flush=True), luma=luma)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
