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


def grid_pad(grid):
    """Columns and rows to add on the left and top of an image whose 8x8 blocks start at
    ``grid`` = (x, y) so that they start at 0 (as the Java pipeline's TiledModel does)."""
    return (8 - grid[0]) % 8, (8 - grid[1]) % 8


def forward(model, planes, qf, device=None, grid=(0, 0)):
    """Run a restorer on float planes [C, H, W] in [0, 1]: pads to the size multiple by edge
    replication, crops back; returns the output planes (float, clipped to [0, 1]). ``grid``: where
    the 8x8 blocks to restore on start; the planes are mirrored out on the left and top so that
    they start at 0."""
    import torch
    import models
    m = models.SIZE_MULTIPLE
    px, py = grid_pad(grid)
    planes = np.pad(planes, ((0, 0), (py, 0), (px, 0)), mode="reflect")
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
    return np.clip(y[0, :, py:h, px:w].float().cpu().numpy(), 0.0, 1.0)


def to8(a):
    return np.clip(np.round(a), 0, 255).astype(np.uint8)


def run_model(model, deg, qf, task="luma", device=None, grid=(0, 0)):
    """Restore one uint8 image (2D gray) with a torch module, on the 8x8 grid at ``grid``. Returns uint8."""
    return to8(forward(model, deg[None].astype(np.float32) / 255.0, qf, device, grid)[0] * 255.0)


def predict_qf(model, deg, device=None, grid=(0, 0)):
    """The blind model's QF for a whole uint8 gray image (its predict-only call, qf < 0), 1..100,
    seen on the 8x8 grid at ``grid`` as :func:`forward` sees it."""
    import torch
    import models
    m = models.SIZE_MULTIPLE
    px, py = grid_pad(grid)
    deg = np.pad(deg, ((py, 0), (px, 0)), mode="reflect")
    h, w = deg.shape
    a = np.pad(deg.astype(np.float32) / 255.0, ((0, (-h) % m), (0, (-w) % m)), mode="edge")
    x = torch.from_numpy(a)[None, None]
    q = torch.full((1, 1), -1.0)
    if device is not None:
        x, q = x.to(device), q.to(device)
    with torch.no_grad():
        p = float(model(x, q)[1].float().reshape(-1)[0])
    return int(min(100, max(1, round(p * 100))))


def restore_blind(model, deg, device=None, grid=(0, 0)):
    """Blind restoration as the Java pipeline does it: one QF predicted for the image, then the
    restorer under it, both on the grid at ``grid``. Returns (uint8 image, predicted QF)."""
    qf = predict_qf(model, deg, device, grid)
    return run_model(model, deg, qf, "blind", device, grid), qf


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


def set_images(data_dir, name, color=False):
    """The images of a validation set: val/NAME, or for "microscopy" the held-out fifth of
    train/microscopy that training never sees (data.held_out_images; gray only)."""
    if name == "microscopy":
        if color:
            raise SystemExit("the microscopy validation set is gray (luma and blind models)")
        return data.held_out_images(os.path.join(data_dir, "train"))
    return [read_image(p, color=color) for p in data.list_images(os.path.join(data_dir, "val", name))]


class GuidedBlind:
    """A predictor-only blind file (card "predictor_only") with the luma model its card names: called
    as a whole blind model is, forward(x, qf) restores under qf >= 0 with the luma model and predicts
    under qf < 0 with the file, as the Java pipeline runs the pair."""

    def __init__(self, predictor, luma):
        self.predictor, self.luma = predictor, luma

    def __call__(self, x, qf):
        if bool((qf < 0).all()):
            return self.predictor(x, qf)
        return self.luma(x, qf), qf

    def eval(self):
        return self


def load_any(path):
    """A training checkpoint or an exported TorchScript file, and its task (from the card beside an
    export); a predictor-only blind export comes with its guide luma model (GuidedBlind)."""
    import torch
    import models
    import zipfile
    scripted = zipfile.is_zipfile(path) and any(n.endswith("/constants.pkl") for n in zipfile.ZipFile(path).namelist())
    if not scripted:  # a training checkpoint (decided by content: a run may be called "jitter")
        ck = torch.load(path, map_location="cpu")
        if isinstance(ck, dict) and "model" in ck:
            m = models.build(ck["arch"], ck["task"])
            m.load_state_dict(ck["model"])
            return m.eval(), ck["task"]
    m = torch.jit.load(path, map_location="cpu").eval()
    card_path = os.path.splitext(path)[0] + ".json"
    card = json.load(open(card_path)) if os.path.exists(card_path) else {}
    if card.get("predictor_only"):
        m = GuidedBlind(m, load_any(os.path.join(os.path.dirname(path), card.get("guide", "luma") + ".pt"))[0])
    return m, card.get("task", "luma")


def evaluate_sets(model, task, data_dir, sets, qfs, log=None, luma=None):
    """Mean (PSNR, SSIM, PSNR-B) per set and QF. Gray tasks: on Y (gray). Color: on RGB (all
    channels, 4:2:0 JPEG), with the luma-only pipeline as a third row; ``luma`` is then required."""
    res = {}
    for s in sets:
        imgs = set_images(data_dir, s, color=task == "color")
        for qf in qfs:
            rows = {}
            for clean in imgs:
                deg = data.jpeg(clean, qf)
                outs = {"jpeg": deg}
                if task == "color":
                    outs["luma_only"] = restore_rgb(luma, None, deg, qf)
                    outs["restored"] = restore_rgb(luma, model, deg, qf)
                elif task == "blind":
                    if luma is not None:
                        outs["luma"] = run_model(luma, deg, qf)  # the luma model told the true QF
                    outs["restored"], p = restore_blind(model, deg)
                    outs["restored_given"] = run_model(model, deg, qf)  # under the file's QF (qf=auto/file on a JPEG file)
                    rows.setdefault("qf_predicted", []).append(p)
                else:
                    outs["restored"] = run_model(model, deg, qf, task)
                for k, v in outs.items():
                    rows.setdefault(k, []).append((psnr(clean, v), ssim(clean, v), psnrb(clean, v)))
            r = {k: [round(float(v), 4) for v in np.mean(np.array(rows[k]), 0)] for k in rows if k != "qf_predicted"}
            if "qf_predicted" in rows:
                r["qf_mae"] = round(float(np.mean(np.abs(np.array(rows["qf_predicted"]) - qf))), 2)
            res.setdefault(s, {})[str(qf)] = r
            if log:
                log(f"{s} QF{qf}: " + "  ".join(f"{k} {v}" for k, v in r.items()))
    return res


def evaluate_double(model, task, data_dir, sets, pairs, shift=(4, 4), log=None, luma=None):
    """Non-aligned double JPEG (FBCNN): QF1, drop ``shift`` (dx, dy) columns/rows, QF2; measured
    on the shifted crop. The Java pipeline's qf=auto finds a first compression at least
    data.DOMINANT_GAP stronger than the file's on its shifted grid (it found all of them on
    Classic5) and restores under its QF on its grid; here that grid is taken as known. Rows: jpeg;
    luma_file = a luma model under the file's QF (QF2) on the file's grid (qf=file);
    luma_dominant_file_grid = under min(QF1, QF2) on the file's grid; luma_dominant = under
    min(QF1, QF2) on the dominant grid (qf=auto); restored (blind: under its predicted QF, with
    qf_mean / qf_mae against min(QF1, QF2)); restored_dominant = the blind model as qf=auto runs it."""
    res = {}
    dx, dy = shift
    for s in sets:
        imgs = set_images(data_dir, s)
        for q1, q2 in pairs:
            rows, preds = {}, []
            for clean in imgs:
                deg = data.double_jpeg(clean, q1, q2, dx, dy)
                ref = clean[dy:, dx:]
                # where the dominant compression's blocks start in the final image
                grid = ((8 - dx) % 8, (8 - dy) % 8) if q1 <= q2 - data.DOMINANT_GAP else (0, 0)
                outs = {"jpeg": deg}
                if luma is not None:
                    outs["luma_file"] = run_model(luma, deg, q2)
                    outs["luma_dominant_file_grid"] = run_model(luma, deg, min(q1, q2))
                    outs["luma_dominant"] = run_model(luma, deg, min(q1, q2), grid=grid)
                if task == "blind":
                    outs["restored"], p = restore_blind(model, deg, grid=grid)
                    outs["restored_dominant"] = run_model(model, deg, min(q1, q2), grid=grid)  # qf=auto on the file
                    preds.append(p)
                else:
                    outs["restored"] = run_model(model, deg, min(q1, q2), task, grid=grid)
                for k, v in outs.items():
                    rows.setdefault(k, []).append((psnr(ref, v), ssim(ref, v), psnrb(ref, v)))
            r = {k: [round(float(v), 4) for v in np.mean(np.array(rows[k]), 0)] for k in rows}
            if preds:
                r["qf_mean"] = round(float(np.mean(preds)), 2)
                r["qf_mae"] = round(float(np.mean(np.abs(np.array(preds) - min(q1, q2)))), 2)
            res.setdefault(s, {})[f"{q1},{q2}"] = r
            if log:
                log(f"{s} double ({q1},{q2}) shift {dx},{dy}: " + "  ".join(f"{k} {v}" for k, v in r.items()))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--sets", default="classic5,Set12,BSD68",
                    help="folders under val/, or microscopy: the held-out fifth of train/microscopy (data.held_out)")
    ap.add_argument("--qf", default="10,20,30,40")
    ap.add_argument("--double", default="", help="also non-aligned double JPEG, pairs 'QF1,QF2;QF1,QF2' (shift --shift)")
    ap.add_argument("--shift", default="4,4", help="double JPEG grid shift dx,dy")
    ap.add_argument("--predict", nargs="*", default=None, metavar="IMAGE",
                    help="blind models: print the predicted QF of each gray image ('IMAGE qf=N') and stop")
    ap.add_argument("--grid", default="0,0", metavar="X,Y",
                    help="with --predict: the 8x8 grid origin to predict on (the Java pipeline's located grid)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--luma", default=os.path.join(HERE, "..", "models", "luma.pt"),
                    help="luma model guiding a color model (TorchScript or checkpoint)")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    model, task = load_any(args.model)
    if args.predict is not None:
        if task != "blind":
            raise SystemExit(f"{args.model}: a {task} model predicts no QF")
        grid = tuple(int(v) for v in args.grid.split(","))
        for p in args.predict:
            print(f"{p} qf={predict_qf(model, read_image(p), grid=grid)}", flush=True)
        return
    luma = load_any(args.luma)[0] if task in ("color", "blind") else None
    log = lambda s: print(s, flush=True)  # noqa: E731
    sets = args.sets.split(",")
    res = evaluate_sets(model, task, args.data, sets, [int(q) for q in args.qf.split(",")] if args.qf else [],
                        log=log, luma=luma)
    if args.double:
        pairs = [tuple(int(v) for v in p.split(",")) for p in args.double.split(";")]
        dbl = evaluate_double(model, task, args.data, sets, pairs, tuple(int(v) for v in args.shift.split(",")),
                              log=log, luma=luma)
        res = {"single": res, "double": dbl, "double_shift": args.shift}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
