#!/usr/bin/env python3
"""Checks of scripts/fiji-install-test.sh on what Fiji wrote; exit 0 when the check holds.

  table_check.py TABLE.csv COLUMN VALUE TOL     some row's COLUMN is within TOL of VALUE
  table_check.py TABLE.csv rows N               the table has N data rows
  table_check.py TABLE.csv contains V           some cell is V
  table_check.py TABLE.csv luma-above-jpeg      benchmark table: luma's PSNR above jpeg's at every QF
  table_check.py PLOT.png colours N             at least N saturated colours of 100+ pixels each (one per curve)
"""
import csv
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main(argv):
    path, what = argv[1], argv[2]
    if what == "colours":
        from PIL import Image
        img = Image.open(path).convert("RGB")
        counts = {}
        for p in img.getdata():
            if max(p) - min(p) > 100:  # saturated: not black, gray or white
                counts[p] = counts.get(p, 0) + 1
        curves = sorted((n, c) for c, n in counts.items() if n >= 100)  # a curve, not a legend's anti-aliased text
        print(curves)
        return len(curves) >= int(argv[3])
    t = rows(path)
    print(len(t), "rows", t[:2])
    if what == "rows":
        return len(t) == int(argv[3])
    if what == "contains":
        return any(v is not None and v.strip() == argv[3] for r in t for v in r.values())
    if what == "luma-above-jpeg":
        by = {}
        for r in t:
            by.setdefault(r["QF"], {})[r["Model"]] = float(r["PSNR"])
        return bool(by) and all(m["luma"] > m["jpeg"] for m in by.values())
    value, tol = float(argv[3]), float(argv[4])
    return any(abs(float(r[what]) - value) <= tol for r in t if r.get(what) not in (None, ""))


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv) else 1)
