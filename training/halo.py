"""The tiling halo a model needs in practice, measured and written into its card as "tile_halo".

A card's "halo" is the receptive-field radius rounded up to 16: with it, tiled output equals
untiled output up to float rounding, but at tile 512 the overlap is half of the work. The weights
that far out are tiny, so a smaller halo changes almost nothing. This script restores validation
images untiled and in 128-pixel tiles (four times the seams of the automatic 512) with halos of 16,
32, ... and keeps the smallest for which, over all images and QFs, no pixel differs by more than
--max-levels gray levels after rounding to 8 bit and the mean PSNR moves by at most --max-db (the
defaults are the rule of docs/architecture.md §3, the bf16 variant's own deviation from fp32); how
many pixels move is reported, and bounded only with --max-ppm. Gray models are checked on Classic5, Set12 and BSD68,
color models on McMaster. The Java tiler uses "tile_halo" when the card has it
(docs/architecture.md, "Pixel grid and tiling"); export.py writes cards without it, so run this again
after every export.

    python3 training/halo.py --card models/luma.json
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
import evaluate  # noqa: E402
import models  # noqa: E402


def tiled(model, planes, qf, tile, halo):
    """forward() over [C, H, W] planes in tile x tile cores, each computed with `halo` of context."""
    c, h, w = planes.shape
    out = None
    for y0 in range(0, h, tile):
        for x0 in range(0, w, tile):
            ya, xa = max(0, y0 - halo), max(0, x0 - halo)
            yb, xb = min(h, y0 + tile + halo), min(w, x0 + tile + halo)
            o = evaluate.forward(model, planes[:, ya:yb, xa:xb], qf)
            if out is None:
                out = np.zeros((o.shape[0], h, w), np.float32)
            out[:, y0:y0 + tile, x0:x0 + tile] = o[:, y0 - ya:y0 - ya + tile, x0 - xa:x0 - xa + tile]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", required=True)
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA)
    ap.add_argument("--sets", default=None, help="default classic5,Set12,BSD68 (McMaster for color)")
    ap.add_argument("--qfs", default="10,50,90")
    ap.add_argument("--max-levels", type=int, default=1, help="largest difference allowed, in 8-bit gray levels")
    ap.add_argument("--max-ppm", type=float, default=None, help="pixels per million allowed to differ (default: no bound)")
    ap.add_argument("--max-db", type=float, default=0.001)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--start", type=int, default=16,
                    help="first halo tried (a multiple of 16; larger networks skip halos far below their receptive field)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    card = json.load(open(args.card))
    task = card["task"]
    model, _ = evaluate.load_any(os.path.join(os.path.dirname(os.path.abspath(args.card)), card["file"]))
    guide = None
    if task == "color":
        guide, _ = evaluate.load_any(os.path.join(os.path.dirname(os.path.abspath(args.card)), card.get("guide", "luma") + ".pt"))
    cases = []  # (clean uint8, network input planes, qf)
    for s in cases_sets(args, task):
        for clean in evaluate.set_images(args.data, s, color=task == "color"):
            for qf in (int(q) for q in args.qfs.split(",")):
                deg = data.jpeg(clean, qf)
                if task == "color":
                    ycc = data.rgb_to_ycbcr(deg) / 255.0
                    y = evaluate.forward(guide, ycc[None, ..., 0], qf)[0]
                    planes = np.concatenate([y[None], ycc[..., 1:].transpose(2, 0, 1)], 0)
                    ref = data.rgb_to_ycbcr(clean)[..., 1:].transpose(2, 0, 1)
                else:
                    planes, ref = deg[None] / 255.0, clean[None]
                cases.append((ref, planes, qf))
    full = [evaluate.to8(evaluate.forward(model, pl, qf) * 255.0) for _, pl, qf in cases]
    base_db = np.mean([evaluate.psnr(r, f) for (r, _, _), f in zip(cases, full)])
    chosen, report = card["halo"], {}
    for halo in range(args.start, card["halo"], 16):
        diff = worst = total = 0
        outs = []
        for (ref, pl, qf), f in zip(cases, full):
            t = evaluate.to8(tiled(model, pl, qf, 128, halo) * 255.0)
            d = np.abs(t.astype(int) - f.astype(int))
            diff += int((d > 0).sum())
            worst = max(worst, int(d.max()))
            total += d.size
            outs.append(evaluate.psnr(ref, t))
        ppm, db = 1e6 * diff / total, abs(float(np.mean(outs)) - base_db)
        report[str(halo)] = {"pixels_differing_per_million": round(ppm, 2), "max_levels": worst, "psnr_change_db": round(db, 5)}
        print(halo, report[str(halo)], flush=True)
        if (args.max_ppm is None or ppm <= args.max_ppm) and worst <= args.max_levels and db <= args.max_db:
            chosen = halo
            break
    card["tile_halo"] = chosen
    card["tile_halo_check"] = {"how": "untiled vs 128-pixel tiles, 8-bit outputs, " + ",".join(cases_sets(args, task))
                               + f" at QF {args.qfs}, halos tried from {args.start} up", "limits": {"ppm": args.max_ppm, "max_levels": args.max_levels, "db": args.max_db},
                               "halos": report}
    with open(args.card, "w") as f:
        json.dump(card, f, indent=1)
    print(f"tile_halo {chosen} (receptive halo {card['halo']}) written to {args.card}")


def cases_sets(args, task):
    return (args.sets or ("McMaster" if task == "color" else "classic5,Set12,BSD68")).split(",")


if __name__ == "__main__":
    main()
