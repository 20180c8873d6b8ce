#!/usr/bin/env python3
"""Throughput of the shipped TorchScript models on a CUDA GPU (the files Java loads), whole images
in one call, CUDA events, median of repeats after warm-up; random inputs. Prints a table. A
predictor-only blind model (card "predictor_only") is timed on its predict-only call (QF -1).

  python3 bench/gpu_infer.py [--sizes 2048,8192] [--models luma,luma-bf16,color,color-bf16,blind]
"""
import argparse
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2048,8192")
    ap.add_argument("--models", default="luma,luma-bf16,color,color-bf16,blind")
    ap.add_argument("--extra", default="", help="NAME=PATH of checkpoints (train.py) to time too")
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    dev = torch.device("cuda")
    print(torch.__version__, torch.cuda.get_device_name(), flush=True)
    nets = {}
    for n in a.models.split(","):
        p = os.path.join(HERE, "..", "models", n + ".pt")
        card = json.load(open(os.path.join(HERE, "..", "models", n.replace("-bf16", "") + ".json")))
        nets[n] = (torch.jit.load(p, map_location=dev).eval(), "predict" if card.get("predictor_only") else card["task"])
    sys.path.insert(0, os.path.join(HERE, "..", "training"))
    import evaluate
    for spec in filter(None, a.extra.split(",")):
        name, p = spec.split("=")
        m, task = evaluate.load_any(p)
        nets[name] = (m.to(dev), task)
    rows = []
    for s in map(int, a.sizes.split(",")):
        for n, (m, task) in nets.items():
            ch = 3 if task == "color" else 1
            x = torch.rand(1, ch, s, s, device=dev)
            q = torch.full((1, 1), -1.0 if task == "predict" else 0.3, device=dev)
            try:
                with torch.no_grad():
                    for _ in range(2):
                        m(x, q)
                    torch.cuda.synchronize()
                    ts = []
                    for _ in range(5 if s <= 2048 else 2):
                        e0, e1 = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                        e0.record()
                        m(x, q)
                        e1.record()
                        torch.cuda.synchronize()
                        ts.append(e0.elapsed_time(e1) / 1000)
                ts.sort()
                t = ts[len(ts) // 2]
                peak = torch.cuda.max_memory_allocated() / 2**30
                rows.append({"model": n, "size": s, "s": round(t, 4), "MP/s": round(s * s / 1e6 / t, 1), "peak_GiB": round(peak, 1)})
            except Exception as ex:  # noqa: BLE001
                rows.append({"model": n, "size": s, "error": str(ex).splitlines()[0][:120]})
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()
            print(json.dumps(rows[-1]), flush=True)
    if a.json:
        json.dump(rows, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
