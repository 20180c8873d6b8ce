#!/usr/bin/env python3
"""Export a checkpoint to TorchScript for DJL (libtorch 2.7.1) and write its model card.

  python3 training/export.py --checkpoint runs/luma-s/last.pt --name luma-s --out models/ \
      --eval runs/luma-s/eval.json

The TorchScript file is traced (eval mode), frozen (weights folded in as constants) and saved;
optimize_for_inference is not used (its files do not reload). The export is checked by reloading
the file and comparing with the eager model at a size other than the tracing size. The card
(docs/architecture.md) gets the receptive field measured from gradients, the parameter count,
FLOPs per pixel, the training record from the checkpoint and log, the validation metrics from
--eval (evaluate.py --json), and the sha256 of the weights file.
"""
import argparse
import copy
import hashlib
import json
import os
import struct
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


class Wrapped(torch.nn.Module):
    """Single-output view for export: blind models return (image, qf); DJL gets both as an NDList."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x, qf):
        return self.m(x, qf)


class ChannelsLast(torch.nn.Module):
    """Runs a luma or color network in the channels_last (NHWC) memory format inside the graph,
    float32 NCHW in and out as DJL passes tensors: oneDNN's CPU convolutions run 1.15-1.6x faster
    on it, the same arithmetic (BENCHMARKS.md, "channels_last"). The card says
    "memory_format": "channels_last"."""

    def __init__(self, m):
        super().__init__()
        self.m = m.to(memory_format=torch.channels_last)

    def forward(self, x, qf):
        return self.m(x.contiguous(memory_format=torch.channels_last), qf).contiguous()


class BlindExport(torch.nn.Module):
    """The exported blind model (scripted around two traced halves): qf >= 0 restores under qf
    without running the predictor, returning (restored, qf); qf < 0 predicts only, returning
    (x, predicted QF / 100). The caller pools the prediction over the whole image first."""

    def __init__(self, restorer, predictor):
        super().__init__()
        self.restorer = restorer
        self.predictor = predictor

    def forward(self, x, qf):
        if bool((qf < 0).all()):
            return x, self.predictor(x)
        return self.restorer(x, qf), qf


class PredictorExport(torch.nn.Module):
    """A blind model's file that only predicts (card "predictor_only": true): qf < 0 returns (x,
    predicted QF / 100) as BlindExport does, and the luma model the card names ("guide") restores,
    so the file holds the predictor alone, not a second copy of luma's weights. Any qf >= 0 is
    refused (a caller that would take the returned input for a restored image)."""

    def __init__(self, predictor):
        super().__init__()
        self.predictor = predictor

    def forward(self, x, qf):
        if bool((qf < 0).all()):
            return x, self.predictor(x)
        raise RuntimeError("this blind model only predicts the QF (a negative qf); the luma model its card names restores")


def same_restorer(model, guide_path):
    """A predictor-only export stands for a blind model whose restorer is its guide luma model: refuse
    one whose restorer is not (trained with it, not --head-only), as its file would drop weights."""
    if not os.path.exists(guide_path):
        raise SystemExit(f"--predictor-only: the guide luma model {guide_path} is not there")
    guide = torch.jit.load(guide_path, map_location="cpu").eval()
    x, q = torch.rand(2, 1, 80, 96), torch.tensor([[0.1], [0.7]])
    with torch.no_grad():
        err = float((model.net(x, q) - guide(x, q)).abs().max())
    if err > 1e-4:
        raise SystemExit(f"--predictor-only: this blind model's restorer differs from {guide_path} by {err:.2e} "
                         "(it has its own restorer: export it whole)")


def _cast_forward(mod, x):
    """A convolution or linear layer whose weights are stored in float16 and used in float32."""
    w, b = mod.weight.float(), None if mod.bias is None else mod.bias.float()
    if isinstance(mod, torch.nn.Conv2d):
        return torch.nn.functional.conv2d(x, w, b, mod.stride, mod.padding, mod.dilation, mod.groups)
    return torch.nn.functional.linear(x, w, b)


def half_stored(model):
    """``model`` (in place) with every convolution and linear layer holding float16 weights that its
    forward casts to float32: traced and NOT frozen (freezing would fold the casts back into float32
    constants), the file is half the size and the arithmetic stays float32. For models whose file
    would otherwise not travel (luma-hq: 40 MB in float32)."""
    import types
    for mod in model.modules():
        if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear)):
            mod.half()
            mod.forward = types.MethodType(_cast_forward, mod)
    return model


def traced(model, task, channels_last=False, predictor_only=False):
    """The TorchScript module export writes for a float32 ``model`` (before freezing): a blind model
    scripted around its two traced halves (BlindExport) or, ``predictor_only``, around its traced
    predictor (PredictorExport), a luma or color model traced, in the channels_last memory format
    inside the graph if asked. Weight recovery builds its marked copy here too, so the two stay the
    same graph."""
    ex = (torch.rand(1, models.TASK_CHANNELS[task][0], 64, 64), torch.full((1, 1), 0.5))
    if predictor_only:
        return torch.jit.script(PredictorExport(torch.jit.trace(models.BlindPredictor(model), ex[:1], check_trace=False)))
    if task == "blind":
        return torch.jit.script(BlindExport(torch.jit.trace(Wrapped(model.net), ex, check_trace=False),
                                            torch.jit.trace(models.BlindPredictor(model), ex[:1], check_trace=False)))
    if channels_last:
        model = ChannelsLast(copy.deepcopy(model))
    return torch.jit.trace(Wrapped(model), ex, check_trace=False)


def _constant_uses(block):
    """The tensor constants of a frozen TorchScript graph (or a block of it), in the order its
    operations use them, the branches of an if (a blind export's) included."""
    uses = []
    for n in block.nodes():
        if n.kind() == "prim::Constant":
            continue
        for v in n.inputs():
            p = v.node()
            if p.kind() == "prim::Constant" and v.type().kind() == "TensorType":
                uses.append((n.kind(), p.output().toIValue()))  # a 1-element one may come back as a number
        for b in n.blocks():
            uses += _constant_uses(b)
    return uses


def state_from_torchscript(path, arch, task):
    """Recover the state dict of a model this script exported (traced and frozen, so its weights are
    graph constants, not parameters): export a same-architecture model whose every tensor is filled
    with its own index, walk both graphs in step and read each index back. Shipped weights can so
    be the start of a longer run when the training checkpoint is gone."""
    net = models.build(arch, task).eval()
    names = list(net.state_dict().keys())
    stored = torch.jit.load(path, map_location="cpu")
    named = stored.state_dict()
    if named:  # a half-stored export (not frozen): its weights are named parameters, under the name of
        # each wrapper around the network ("m." for Wrapped, "m.m." for Wrapped(ChannelsLast(...)))
        for prefix in ("m.", "m.m."):
            params = {k[len(prefix):]: v.float() for k, v in named.items() if k.startswith(prefix)}
            if set(params) == set(names):
                return params
        raise ValueError(f"{path}: not a {arch}/{task} export")
    with torch.no_grad():
        for i, t in enumerate(net.state_dict().values()):
            t.fill_(1000.0 + i)
    theirs = _constant_uses(stored.graph)
    errors = []
    # either memory format of a luma or color export; a blind export whole or predictor-only
    for channels_last, predictor_only in ((False, False), (False, True)) if task == "blind" else ((False, False), (True, False)):
        try:
            return _recover(path, arch, task, net, names, channels_last, theirs, predictor_only)
        except ValueError as e:
            errors.append(str(e))
    raise ValueError(errors[0])


def _recover(path, arch, task, net, names, channels_last, theirs, predictor_only=False):
    """The weights of one layout of the export; of a predictor-only blind export, the predictor's
    alone (its own encoder, or the restorer's encoder it reads, and the QF head)."""
    with torch.no_grad():
        marked = torch.jit.freeze(traced(net, task, channels_last, predictor_only).eval())
    mine = _constant_uses(marked.graph)
    if len(mine) != len(theirs):
        raise ValueError(f"{path}: not a {arch}/{task} export ({len(theirs)} constants, expected {len(mine)})")
    state = {}
    for (ka, a), (kb, b) in zip(mine, theirs):
        if not (torch.is_tensor(a) and torch.is_tensor(b)):
            continue
        if ka != kb or a.shape != b.shape:
            raise ValueError(f"{path}: not a {arch}/{task} export ({kb} {tuple(b.shape)} where {ka} {tuple(a.shape)})")
        v = float(a.flatten()[0]) if a.numel() else 0.0
        if v >= 1000 and torch.all(a == v):
            state[names[int(v) - 1000]] = b.contiguous().clone()
    used = len(names)
    if predictor_only:
        used = len({float(a.flatten()[0]) for _, a in mine if torch.is_tensor(a) and a.numel() and float(a.flatten()[0]) >= 1000})
    if len(state) != used:
        raise ValueError(f"{path}: recovered {len(state)} of {used} tensors")
    return state


def receptive_radius(model, in_ch, size=256):
    """Largest distance (pixels) from an output pixel to an input pixel that influences it,
    measured from input gradients at 16 grid phases (probe grown until the field fits)."""
    while True:
        try:
            return _radius(model, in_ch, size)
        except OverflowError:
            if size >= 2048:
                raise SystemExit("receptive field reaches the probe's border at 2048 px")
            size *= 2


def _radius(model, in_ch, size):
    r = 0
    for py in range(0, 16, 5):
        for px in range(0, 16, 5):
            x = torch.rand(1, in_ch, size, size, requires_grad=True)
            out = model(x, torch.full((1, 1), 0.5))
            if isinstance(out, (tuple, list)):
                out = out[0]
            cy, cx = size // 2 + py, size // 2 + px
            out[0, 0, cy, cx].backward()
            g = x.grad[0].abs().sum(0)
            ys, xs = torch.nonzero(g > 0, as_tuple=True)
            r = max(r, int((ys - cy).abs().max()), int((xs - cx).abs().max()))
    if r >= size // 2 - 1:
        raise OverflowError(size)
    return r


def loss_text(task, targs):
    """The training loss as the card states it (train.py --loss, --teacher)."""
    loss = targs.get("loss") or "l1"
    psnr = "minus the mean per-patch PSNR (10 log10 of the patch's mean squared {}error + 1/12 gray level²)"
    if task == "color":
        rgb = " RGB error the Cb/Cr error makes (JFIF inverse transform)"
        return {"l2": "mean squared" + rgb, "psnr": psnr.format("RGB ") + " of the" + rgb}.get(loss, "L1 of the" + rgb)
    clean = {"l2": "L2 (mean squared error)", "psnr": psnr.format("")}.get(loss, "L1")
    if task == "blind":
        qf = ("L1 of QF / 100" if targs.get("qf_loss", "qf") == "qf" else "L1 of log(IJG table scale)") + " of the predicted QF"
        w = targs.get("qf_weight", 0.1)
        if targs.get("head_only") and targs.get("qf_loss") == "restore":
            return (f"{clean} of the frozen restorer under the predicted QF + {w:g} x {qf}; only the predictor trained "
                    "(--head-only), the restorer is the --init luma model unchanged")
        if targs.get("head_only"):
            return f"{qf}; only the predictor trained (--head-only), the restorer is the --init luma model unchanged"
        return f"{clean} + {w:g} x {qf}"
    if targs.get("teacher"):
        w = targs["kd_weight"]
        return f"{1 - w:g} x {clean}(clean) + {w:g} x L1(teacher output), teacher {run_relative(targs['teacher'])}"
    return clean


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def git_version():
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "training"], cwd=os.path.join(here, ".."), capture_output=True, text=True).stdout.strip()
        return (rev or "unknown") + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def write_vector(path, ts, in_ch, h=48, w=64, qf=0.3, seed=1):
    """A test vector for the Java side: shapes, input, qf and the TorchScript output (little endian)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(1, in_ch, h, w, generator=g)
    q = torch.full((1, 1), qf)
    with torch.no_grad():
        y = ts(x, q)
        if isinstance(y, (tuple, list)):
            y = y[0]
    with open(path, "wb") as f:
        f.write(struct.pack("<4i", *x.shape))
        f.write(struct.pack("<f", qf))
        f.write(x.numpy().astype("<f4").tobytes())
        f.write(struct.pack("<4i", *y.shape))
        f.write(y.numpy().astype("<f4").tobytes())


def run_relative(path):
    """A checkpoint path as the card names it: 'runs/NAME/last.pt' or 'models/NAME.pt', never a path of the machine."""
    if not path:
        return None
    parts = os.path.normpath(path).split(os.sep)
    return "/".join(parts[-3:] if len(parts) >= 3 and parts[-3] == "runs" else parts[-2:])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--name", required=True, help="model name; files NAME.pt and NAME.json")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--eval", default=None, help="evaluate.py --json output for the card")
    ap.add_argument("--vector", default=None, help="also write a Java test vector here")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--storage", default="frozen", choices=["frozen", "fp16"],
                    help="frozen: float32 weights folded in as constants; fp16: float16 weights cast to float32 "
                         "in the forward (half the file, not frozen; reload checked to --fp16-tolerance)")
    ap.add_argument("--fp16-tolerance", type=float, default=5e-3)
    ap.add_argument("--memory-format", default="channels_last", choices=["channels_last", "contiguous"],
                    help="luma and color: run the network in channels_last inside the graph (ChannelsLast; "
                         "float32 NCHW in and out, faster CPU convolutions); blind exports stay contiguous")
    ap.add_argument("--guide", default="luma", help="color models: the luma model they were trained behind; blind models: "
                    "the luma model that restores when the JPEG file gives the QF (name; a card of that name beside this one is preferred)")
    ap.add_argument("--predictor-only", action="store_true",
                    help="blind models whose restorer is the guide luma model bit for bit (train.py --head-only): the file holds "
                         "the QF predictor alone (PredictorExport) and the guide restores (card \"predictor_only\": true)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    ck = torch.load(args.checkpoint, map_location="cpu")
    task, arch = ck["task"], ck["arch"]
    if args.storage == "fp16" and task == "blind":
        raise SystemExit("--storage fp16 is for luma and color models")
    if args.predictor_only and task != "blind":
        raise SystemExit("--predictor-only is for blind models")
    model = models.build(arch, task)
    model.load_state_dict(ck["model"])
    model.eval()
    in_ch = models.TASK_CHANNELS[task][0]
    out_ch = models.TASK_CHANNELS[task][1]
    if args.predictor_only:
        same_restorer(model, os.path.join(args.out, args.guide + ".pt"))

    cl = args.memory_format == "channels_last" and task != "blind" and args.storage == "frozen"
    with torch.no_grad():
        if args.storage == "fp16":
            ex = (torch.rand(1, in_ch, 64, 64), torch.full((1, 1), 0.5))
            module = torch.jit.trace(Wrapped(half_stored(copy.deepcopy(model))), ex, check_trace=False)
        else:
            module = traced(model, task, cl, args.predictor_only)
    frozen = module.eval() if args.storage == "fp16" else torch.jit.freeze(module.eval())
    os.makedirs(args.out, exist_ok=True)
    pt = os.path.join(args.out, args.name + ".pt")
    frozen.save(pt)

    # reload and compare at another size
    re = torch.jit.load(pt)
    x = torch.rand(2, in_ch, 80, 112)
    q = torch.tensor([[0.1], [0.9]])
    err = 0.0
    if not args.predictor_only:  # which refuses qf >= 0 (pytest)
        with torch.no_grad():
            a, b = model(x, q), re(x, q)
        a = a[0] if isinstance(a, (tuple, list)) else a
        b = b[0] if isinstance(b, (tuple, list)) else b
        err = float((a - b).abs().max())
    if task == "blind":  # the predict-only call
        with torch.no_grad():
            err = max(err, float((model(x, -q)[1] - re(x, -q)[1]).abs().max()))
    if err > (args.fp16_tolerance if args.storage == "fp16" else 1e-4):
        raise SystemExit(f"exported model differs from the eager model by {err}")

    radius = receptive_radius(model, in_ch)
    log_path = os.path.join(os.path.dirname(os.path.abspath(args.checkpoint)), "log.jsonl")
    runs = []
    if os.path.exists(log_path):
        for line in open(log_path):
            rec = json.loads(line)
            if rec.get("event") in ("start", "stop"):
                runs.append({k: rec[k] for k in ("event", "step", "device", "torch", "time", "elapsed_s") if k in rec})
    targs = ck.get("args", {})
    card = {
        "name": args.name,
        "task": task,
        "architecture": arch,
        "format": ("TorchScript (traced; weights stored as float16, computed in float32)" if args.storage == "fp16"
                   else "TorchScript (traced, frozen)") + ", exported with torch " + torch.__version__,
        "storage": args.storage,
        "memory_format": "channels_last" if cl else None,
        "inputs": [
            {"name": "image", "shape": [-1, in_ch, -1, -1], "dtype": "float32", "range": [0, 1],
             "channels": ["Y"] if in_ch == 1 else ["Y_restored", "Cb", "Cr"]},
            {"name": "qf", "shape": [-1, 1], "dtype": "float32", "range": [0, 1],
             "encoding": "IJG quality / 100" + ("; negative: predict only (outputs the input unchanged and the predicted QF)" if task == "blind" else "")},
        ],
        "outputs": [{"name": "image", "shape": [-1, out_ch, -1, -1], "dtype": "float32", "range": [0, 1],
                     "channels": ["Y"] if out_ch == 1 else ["Cb", "Cr"],
                     "note": ("the input unchanged: this file only predicts, the guide luma model restores" if args.predictor_only
                              else "not clipped; clip to [0,1] and round to 8 bit")}]
        + ([{"name": "qf", "shape": [-1, 1], "encoding": "predicted IJG quality / 100 when the qf input is negative, else the qf input",
              "note": "predicted per call; pool it over the whole image (area-weighted mean over tiles) and restore every tile under that one QF"}]
           if task == "blind" else []),
        "size_multiple": models.SIZE_MULTIPLE,
        "grid": "8x8 JPEG grid at (0,0); tiles must start on multiples of 16",
        "receptive_field_radius": radius,
        "halo": int(16 * ((radius + 15) // 16)),
        "parameters": models.predictor_params(model) if args.predictor_only else models.count_params(model),
        "flops_per_pixel": round(models.flops_per_pixel(model.net, "luma") if task == "blind" else models.flops_per_pixel(model, task)),
        "qf_predictor_flops_per_pixel": round(models.flops_per_pixel(model, task) - models.flops_per_pixel(model.net, "luma")) if task == "blind" else None,
        "training": {
            "data": targs.get("train_dirs") or ("train/color + train/natural + train/microscopy (RGB and channel composites)"
                                                if task == "color" else "train/gray + train/natural + train/microscopy"),
            "subsampling_444_share": targs.get("p444") if task == "color" else None,
            "guide": os.path.basename(targs.get("guide") or "") if task == "color" else None,
            "steps": ck["step"], "batch": targs.get("batch"), "patch": targs.get("patch"), "lr": targs.get("lr"),
            "qf_distribution": targs.get("qf_dist"), "qf_range": [targs.get("qf_min"), targs.get("qf_max")],
            "double_jpeg_share": targs.get("double_prob"), "seed": targs.get("seed"),
            "double_jpeg_on_dominant_grid": bool(targs.get("align_dominant")) if targs.get("double_prob") else None,
            "initialized_from": run_relative(targs.get("init")),
            "qf_head_from": run_relative(targs.get("init_head")) if task == "blind" else None,
            "held_out": targs.get("held_out") or None,
            "loss": loss_text(task, targs),
            "source_weights": targs.get("source_weights") or None,
            "weights": (f"exponential moving average of the training weights (decay {ck['ema']:g}, train.py --ema)"
                        if isinstance(ck.get("ema"), float) else None),
            "precision": targs.get("precision", "fp32"),
            "code_version": git_version(), "runs": runs,
        },
        "validation": json.load(open(args.eval)) if args.eval else None,
        "validation_format": ("{set: {qf: {jpeg: [psnr, ssim, psnrb], luma_only: [...], restored: [...]}}}, RGB (all channels), "
                              "IJG QF, 4:2:0, luma_only = the guide restores Y and the chroma is kept, restored = guide then this model"
                              if task == "color" else
                              "{set: {qf: {jpeg: [psnr, ssim, psnrb], restored: [psnr, ssim, psnrb]}}}, gray, IJG QF")
        + ", metrics of docs/architecture.md",
        "sha256": sha256(pt),
        "file": os.path.basename(pt),
    }
    if task in ("color", "blind"):  # blind: the luma model a QF the file gives is handed to
        card["guide"] = args.guide
    if args.predictor_only:  # the guide restores under every QF, the predicted one too
        card["predictor_only"] = True
        card["inputs"][1]["encoding"] = "negative: predict the QF (the only call this file takes; it refuses a QF to restore under)"
        card["outputs"][1]["encoding"] = "predicted IJG quality / 100"
    for k in ("qf_predictor_flops_per_pixel", "memory_format"):
        if card[k] is None:
            del card[k]
    for k in ("source_weights", "weights"):
        if card["training"][k] is None:
            del card["training"][k]
    with open(os.path.join(args.out, args.name + ".json"), "w") as f:
        json.dump(card, f, indent=1)
    if args.vector and not args.predictor_only:
        write_vector(args.vector, re, in_ch)
    import rdf  # the BioImage.IO description beside it, from the card just written
    rdf.main([os.path.join(args.out, args.name + ".json")])
    print(f"exported {pt}: params {card['parameters']}, {card['flops_per_pixel']} FLOP/px, "
          f"receptive radius {radius}, reload error {err:.2e}")


if __name__ == "__main__":
    main()
