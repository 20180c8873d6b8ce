"""bf16 variant of an exported model, for CPUs with bf16 arithmetic (AVX-512 BF16, AMX).

Writes NAME-bf16.pt beside NAME.pt: the same weights traced under CPU autocast (convolutions and
matrix products in bf16, what autocast keeps in fp32 stays there; inputs and outputs float32, so
the Java side calls it exactly like NAME.pt) and frozen. It is accepted only when its PSNR on the
validation sets stays within --limit dB of the fp32 file at every (set, QF), and is then recorded
in the card as "variants": {"bf16": {file, sha256, psnr_change_db, ...}}, which the Java model
store picks with precision=auto on such CPUs (docs/architecture.md, "Precision").

    python3 training/bf16.py --card models/luma.json
    python3 training/bf16.py --card models/blind.json --checkpoint runs/blind-a/last.pt

Luma and color weights are recovered from the frozen export itself; a blind export is scripted
around two traced halves, so its weights come from the training checkpoint. The variant of a
predictor-only blind file (card "predictor_only") is its predictor alone, measured by what it
changes: the guide luma model (fp32) restoring under the bf16 prediction against the fp32 one.
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
import export  # noqa: E402
import models  # noqa: E402


class FloatOut(torch.nn.Module):
    """Casts every output back to float32 (autocast leaves the last convolution's output in bf16)."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, *xs):
        y = self.m(*xs)
        if isinstance(y, (tuple, list)):
            return tuple(t.float() for t in y)
        return y.float()


def trace_bf16(model, task, channels_last=False, predictor_only=False):
    """The model traced under bf16 CPU autocast (the casts are recorded in the graph) and frozen;
    ``channels_last``: in that memory format inside the graph, as the fp32 file (export.ChannelsLast);
    ``predictor_only``: a blind model's predictor alone (export.PredictorExport)."""
    in_ch = models.TASK_CHANNELS[task][0]
    if channels_last and task != "blind":
        import copy
        model = export.ChannelsLast(copy.deepcopy(model))
    ex = (torch.rand(1, in_ch, 64, 64), torch.full((1, 1), 0.5))
    with torch.no_grad(), torch.cpu.amp.autocast(dtype=torch.bfloat16, cache_enabled=False):
        if predictor_only:
            traced = torch.jit.script(export.PredictorExport(
                torch.jit.trace(FloatOut(models.BlindPredictor(model)), ex[:1], check_trace=False)))
        elif task == "blind":
            traced = torch.jit.script(export.BlindExport(
                torch.jit.trace(FloatOut(export.Wrapped(model.net)), ex, check_trace=False),
                torch.jit.trace(FloatOut(models.BlindPredictor(model)), ex[:1], check_trace=False)))
        else:
            traced = torch.jit.trace(FloatOut(export.Wrapped(model)), ex, check_trace=False)
    return torch.jit.freeze(traced.eval())


def psnr_changes(fp32, bf16, task, data_dir, sets, qfs, guide=None):
    """{set: {qf: [psnr fp32, psnr bf16]}} on single JPEG under the true QF (gray sets for luma and
    blind; RGB through the guide for color), plus the blind models' predicted QFs that differ."""
    out, qf_diffs = {}, 0
    for s in sets:
        paths = data.list_images(os.path.join(data_dir, "val", s))
        for qf in qfs:
            a, b = [], []
            for p in paths:
                if task == "color":
                    clean = evaluate.read_image(p, color=True)
                    deg = data.jpeg(clean, qf)
                    a.append(evaluate.psnr(clean, evaluate.restore_rgb(guide, fp32, deg, qf)))
                    b.append(evaluate.psnr(clean, evaluate.restore_rgb(guide, bf16, deg, qf)))
                elif isinstance(fp32, evaluate.GuidedBlind):  # what the prediction changes
                    clean = evaluate.read_image(p)
                    deg = data.jpeg(clean, qf)
                    ra, qa = evaluate.restore_blind(fp32, deg)
                    rb, qb = evaluate.restore_blind(bf16, deg)
                    a.append(evaluate.psnr(clean, ra))
                    b.append(evaluate.psnr(clean, rb))
                    qf_diffs += qa != qb
                else:
                    clean = evaluate.read_image(p)
                    deg = data.jpeg(clean, qf)
                    a.append(evaluate.psnr(clean, evaluate.run_model(fp32, deg, qf)))
                    b.append(evaluate.psnr(clean, evaluate.run_model(bf16, deg, qf)))
                    if task == "blind":
                        qf_diffs += evaluate.predict_qf(fp32, deg) != evaluate.predict_qf(bf16, deg)
            out.setdefault(s, {})[str(qf)] = [round(float(np.mean(a)), 4), round(float(np.mean(b)), 4)]
            print(s, qf, out[s][str(qf)], flush=True)
    return out, qf_diffs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", required=True, help="the exported model's card (NAME.json beside NAME.pt)")
    ap.add_argument("--checkpoint", default=None, help="training checkpoint (required for blind models)")
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA, help="folder with val/")
    ap.add_argument("--sets", default=None, help="validation sets (default classic5,Set12; McMaster for color)")
    ap.add_argument("--qfs", default="10,30,50,70,90")
    ap.add_argument("--limit", type=float, default=0.01, help="largest PSNR change accepted (dB)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    card = json.load(open(args.card))
    task, arch = card["task"], card["architecture"]
    folder = os.path.dirname(os.path.abspath(args.card))
    fp32_path = os.path.join(folder, card["file"])
    model = models.build(arch, task)
    if args.checkpoint:
        model.load_state_dict(torch.load(args.checkpoint, map_location="cpu")["model"])
    elif task == "blind":
        raise SystemExit("a blind export is scripted around two traced halves: give its --checkpoint")
    else:
        model.load_state_dict(export.state_from_torchscript(fp32_path, arch, task))
    model.eval()
    fp32, _ = evaluate.load_any(fp32_path)
    predictor_only = bool(card.get("predictor_only"))
    with torch.no_grad():  # the checkpoint must be the exported model
        x, q = torch.rand(1, models.TASK_CHANNELS[task][0], 64, 80), torch.full((1, 1), -1.0 if predictor_only else 0.3)
        a, b = model(x, q), fp32(x, q)
        a, b = (a[1], b[1]) if predictor_only else (a[0], b[0]) if isinstance(a, (tuple, list)) else (a, b)
        if float((a - b).abs().max()) > 1e-4:
            raise SystemExit(f"{args.checkpoint or fp32_path}: these weights are not those of {fp32_path}")
    bf16 = trace_bf16(model, task, card.get("memory_format") == "channels_last", predictor_only)
    name = os.path.splitext(card["file"])[0] + "-bf16"
    pt = os.path.join(folder, name + ".pt")
    tmp = pt + ".part"
    bf16.save(tmp)
    bf16 = torch.jit.load(tmp)
    if predictor_only:
        bf16 = evaluate.GuidedBlind(bf16, fp32.luma)
    guide = None
    if task == "color":
        guide, _ = evaluate.load_any(os.path.join(folder, card.get("guide", "luma") + ".pt"))
    sets = (args.sets or ("McMaster" if task == "color" else "classic5,Set12")).split(",")
    changes, qf_diffs = psnr_changes(fp32, bf16, task, args.data, sets, [int(v) for v in args.qfs.split(",")], guide)
    worst = max(abs(v[1] - v[0]) for s in changes.values() for v in s.values())
    if worst > args.limit:
        os.remove(tmp)
        raise SystemExit(f"bf16 changes PSNR by up to {worst:.4f} dB (limit {args.limit}); not recorded")
    os.replace(tmp, pt)
    variant = {
        "file": name + ".pt",
        "sha256": export.sha256(pt),
        "how": "traced under torch.cpu.amp.autocast(bfloat16) and frozen; float32 in and out"
               + ("; the predictor alone, PSNR of the guide luma model (fp32) restoring under each prediction" if predictor_only else "")
               + ("; channels_last inside, as the fp32 file" if card.get("memory_format") == "channels_last" else ""),
        "psnr_change_db": worst,
        "psnr_fp32_bf16": changes,
    }
    if task == "blind":
        variant["predicted_qf_differs"] = int(qf_diffs)
    card.setdefault("variants", {})["bf16"] = variant
    with open(args.card, "w") as f:
        json.dump(card, f, indent=1)
    print(f"wrote {pt}: PSNR within {worst:.4f} dB of fp32; card {args.card} updated")


if __name__ == "__main__":
    main()
