#!/usr/bin/env python3
"""Re-export a shipped luma or color model in the channels_last memory format (export.ChannelsLast):
the same weights, recovered from NAME.pt itself, traced with the NHWC conversion inside the graph
and frozen (an fp16-stored export, luma-hq, stays unfrozen with its float16 weights cast to float32
in the forward); float32 NCHW in and out, so the Java side is unchanged. The new file must give the old
one's output to 1e-5 on random inputs of two sizes, or nothing is replaced. The card gets
"memory_format": "channels_last" and the new sha256; its bf16 variant, when it has one, is traced
again the same way by bf16.py (which checks its PSNR against fp32 on the validation sets).

  python3 training/layout.py --card models/luma.json [--data ../shared/data]

Speed (BENCHMARKS.md, "channels_last"): oneDNN's CPU convolutions run 1.15-1.6x faster on NHWC.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bf16  # noqa: E402
import evaluate  # noqa: E402
import export  # noqa: E402
import models  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", required=True)
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA, help="folder with val/ (for the bf16 variant's check)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    card = json.load(open(args.card))
    task, arch = card["task"], card["architecture"]
    storage = card.get("storage", "frozen")
    if task not in ("luma", "color") or storage not in ("frozen", "fp16"):
        raise SystemExit(f"{args.card}: channels_last is for frozen or fp16-stored luma and color exports (this is {task}, {storage})")
    folder = os.path.dirname(os.path.abspath(args.card))
    pt = os.path.join(folder, card["file"])
    old = torch.jit.load(pt, map_location="cpu").eval()
    net = models.build(arch, task)
    net.load_state_dict(export.state_from_torchscript(pt, arch, task))
    net.eval()
    in_ch = models.TASK_CHANNELS[task][0]
    ex = (torch.rand(1, in_ch, 64, 64), torch.full((1, 1), 0.5))
    with torch.no_grad():
        if storage == "fp16":  # float16 weights cast to float32 in the forward: traced, not frozen (export.half_stored)
            new = torch.jit.trace(export.Wrapped(export.ChannelsLast(export.half_stored(net))), ex, check_trace=False).eval()
        else:
            new = torch.jit.freeze(torch.jit.trace(export.Wrapped(export.ChannelsLast(net)), ex, check_trace=False).eval())
    tmp = pt + ".part"
    new.save(tmp)
    new = torch.jit.load(tmp, map_location="cpu").eval()
    err = 0.0
    g = torch.Generator().manual_seed(3)
    with torch.no_grad():
        for shape, qf in (((2, in_ch, 80, 112), [[0.1], [0.9]]), ((1, in_ch, 160, 96), [[0.35]])):
            x = torch.rand(*shape, generator=g)
            err = max(err, float((old(x, torch.tensor(qf)) - new(x, torch.tensor(qf))).abs().max()))
    if err > 1e-5:
        os.remove(tmp)
        raise SystemExit(f"the channels_last export differs from {pt} by {err}; not replaced")
    os.replace(tmp, pt)
    card["memory_format"] = "channels_last"
    card["sha256"] = export.sha256(pt)
    card["format"] = card["format"].split(", exported with")[0] + ", channels_last inside, exported with torch " + torch.__version__
    with open(args.card, "w") as f:
        json.dump(card, f, indent=1)
    print(f"{pt}: channels_last, output within {err:.1e} of the old file; card {args.card} updated", flush=True)
    if "bf16" in card.get("variants", {}):
        bf16.main(["--card", args.card, "--data", args.data, "--threads", str(args.threads)])
    import rdf  # the BioImage.IO description names the weights' sha256
    rdf.main([args.card])


if __name__ == "__main__":
    main()
