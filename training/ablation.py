"""Equal-budget comparison of the seeds' architecture ideas on blockunet-s (BENCHMARKS.md,
"Architecture ablation").

Every variant trains from scratch with the same seed, data, batch, patch, learning-rate schedule
and number of steps (so variants of equal FLOPs get equal compute; each one's measured seconds
per step are reported beside it), then is evaluated on the validation sets. Resumable: a variant
whose eval.json exists is not run again, and train.py resumes an interrupted one from its
last.pt. Prints a markdown table; --json writes the numbers.

  python3 training/ablation.py --out runs/ablation --iters 2400
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import models  # noqa: E402

# name: (arch, extra train.py arguments, what it tests)
VARIANTS = {
    "base": ("blockunet-s", [], "blockunet-s: block-aligned multi-scale, FiLM QF conditioning"),
    "base-seed2": ("blockunet-s", ["--seed", "12"], "the same with another seed (run-to-run noise)"),
    "noqf": ("ablate-noqf", [], "no QF conditioning (every FiLM layer gets the same QF)"),
    "dct": ("ablate-dct", [], "+ block DCT coefficients and the QF's quantization table at the block level"),
    "jitter": ("blockunet-s", ["--grid-jitter"], "trained on patches at random 8x8-grid offsets (grid unknown)"),
    "plain": ("ablate-plain", [], "one scale, same FLOPs (24 channels, 5 FiLM blocks, 25 px receptive field)"),
    "m": ("blockunet-m", [], "blockunet-m: 3.1x the FLOPs at the same number of steps"),
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="runs/ablation")
    ap.add_argument("--iters", type=int, default=2400)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--sets", default="classic5,Set12,BSD68")
    ap.add_argument("--qf", default="10,20,30,40")
    ap.add_argument("--data", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    py = sys.executable
    results = {}
    for name in args.variants.split(","):
        arch, extra, what = VARIANTS[name]
        run = os.path.join(args.out, name)
        ev = os.path.join(run, "eval.json")
        data = ["--data", args.data] if args.data else []
        if not os.path.exists(ev):
            cmd = [py, os.path.join(HERE, "train.py"), "--task", "luma", "--arch", arch, "--out", run,
                   "--iters", str(args.iters), "--lr", "5e-4", "--seed", "11", "--val", "",
                   "--log-every", "200"] + data + extra
            print(" ".join(cmd), flush=True)
            subprocess.run(cmd, check=True)
            cmd = [py, os.path.join(HERE, "evaluate.py"), "--model", os.path.join(run, "last.pt"),
                   "--sets", args.sets, "--qf", args.qf, "--json", ev] + data
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(run, "log.jsonl")) as f:
            log = [json.loads(line) for line in f if '"loss"' in line]
        m = models.build(arch, "luma")
        # median over logging intervals (elapsed_s restarts when a run is resumed)
        rates = sorted((b["elapsed_s"] - a["elapsed_s"]) / (b["step"] - a["step"]) for a, b in zip(log, log[1:])
                       if b["step"] > a["step"] and b["elapsed_s"] > a["elapsed_s"])
        s_per_step = rates[len(rates) // 2] if rates else float("nan")
        with open(ev) as f:
            results[name] = dict(arch=arch, what=what, params=models.count_params(m),
                                 flops=models.flops_per_pixel(m), s_per_step=s_per_step, eval=json.load(f))
    qfs = args.qf.split(",")
    sets = args.sets.split(",")
    head = "| variant | params | kFLOP/px | s/step | " + " | ".join(f"{s} QF {q}" for s in sets for q in qfs) + " |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    base = results.get("base")
    for name, r in results.items():
        cells = []
        for s in sets:
            for q in qfs:
                v = r["eval"][s][q]["restored"][0]
                d = "" if base is None or name == "base" else f" ({v - base['eval'][s][q]['restored'][0]:+.2f})"
                cells.append(f"{v:.2f}{d}")
        print(f"| {name}: {r['what']} | {r['params'] / 1e6:.2f} M | {r['flops'] / 1e3:.0f} | {r['s_per_step']:.2f} | "
              + " | ".join(cells) + " |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    t0 = time.time()
    main()
    print(f"{time.time() - t0:.0f} s", file=sys.stderr)
