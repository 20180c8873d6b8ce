#!/usr/bin/env python3
"""BENCHMARKS.md "Luma models" tables from the cards' validation records (training/evaluate.py's
numbers, PSNR | SSIM | PSNR-B): JPEG, luma, luma-hq, their difference and luma against an earlier
luma card (`git show REV:models/luma.json > old.json`).

  python3 bench/luma_tables.py --previous old.json --previous-name "luma-h2"
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TITLES = {"classic5": "Classic5", "Set12": "Set12 (11 images)", "BSD68": "BSD68", "microscopy": "microscopy (held out)"}


def cell(v, bold=False):
    s = f"{v[0]:.2f} \\| {v[1]:.3f} \\| {v[2]:.2f}"
    return f"**{s}**" if bold else s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=os.path.join(HERE, "..", "models"))
    ap.add_argument("--previous", required=True, help="an earlier luma card")
    ap.add_argument("--previous-name", required=True)
    args = ap.parse_args(argv)
    card = lambda n: json.load(open(os.path.join(args.models, n + ".json")))  # noqa: E731
    luma, hq = card("luma"), card("luma-hq")
    old = json.load(open(args.previous))["validation"]
    lv, hv = luma["validation"], hq["validation"]
    for s, title in TITLES.items():
        if s not in lv or s not in hv:
            continue
        print(f"{title}:\n")
        print(f"| QF | JPEG | luma ({luma['architecture']}, {luma['flops_per_pixel'] / 1e6:.3f} MFLOP/px) | "
              f"luma-hq ({hq['architecture']}, {hq['flops_per_pixel'] / 1e6:.2f} MFLOP/px) | luma-hq − luma | "
              f"luma vs {args.previous_name} |")
        print("|---|---|---|---|---|---|")
        for q in lv[s]:
            a, b = lv[s][q]["restored"], hv[s][q]["restored"]
            prev = f"{a[0] - old[s][q]['restored'][0]:+.3f}" if s in old and q in old[s] else ""
            print(f"| {q} | {cell(lv[s][q]['jpeg'])} | {cell(a)} | {cell(b, True)} | {b[0] - a[0]:+.2f} | {prev} |")
        print()


if __name__ == "__main__":
    main()
