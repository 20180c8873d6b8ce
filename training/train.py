#!/usr/bin/env python3
"""Train a restorer. Resumable (--resume CKPT, or automatically from OUT/last.pt), stops cleanly
after --minutes of wall clock (for short GPU windows), seeded, automatic device, mixed precision
(bf16 autocast) on CUDA. Logs loss and validation PSNR (JPEG vs restored) as JSON lines.

  python3 training/train.py --task luma --arch blockunet-s --out runs/luma --iters 20000 --minutes 9
"""
import argparse
import json
import math
import os
import random
import signal
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
import evaluate  # noqa: E402
import models  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))


def parse(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--task", choices=["luma", "color", "blind"], default="luma")
    ap.add_argument("--arch", default="blockunet-s", choices=sorted(models.ARCHS))
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder with train/ and val/")
    ap.add_argument("--train-dirs", default=None, help="comma-separated sources under train/ (default by task)")
    ap.add_argument("--source-weights", default="",
                    help="how often each training source is drawn, e.g. 'microscopy=2' (default: every source alike); "
                         "relative to the sources present, so a source added with --train-dirs lowers the others' "
                         "shares (printed at the start)")
    ap.add_argument("--val", default=None, help="folder under val/ for validation ('' = none; default classic5, McMaster for color)")
    ap.add_argument("--guide", default=os.path.join(HERE, "..", "models", "luma.pt"),
                    help="color: the luma model whose output guides the chroma net (as in the pipeline), or 'clean' for the clean Y")
    ap.add_argument("--p444", type=float, default=0.2, help="color: share of 4:4:4 samples (the rest 4:2:0)")
    ap.add_argument("--out", required=True, help="run folder: last.pt, log.jsonl")
    ap.add_argument("--resume", default=None, help="checkpoint to resume (default OUT/last.pt if present)")
    ap.add_argument("--init", default=None,
                    help="start from these weights (a checkpoint or an exported NAME.pt of the same architecture; "
                         "a blind model takes a luma export for its restorer), not from random; ignored on resume")
    ap.add_argument("--init-arch", default=None,
                    help="architecture of an exported --init when it is not --arch: a smaller BlockUNet of the same "
                         "widths (e.g. blockunet-s for --arch blockunet-s6), grown by models.grown_state, or a "
                         "full-resolution one whose lower levels an unshuffled network takes (blockunet-s for "
                         "blockunet-su, models.levels_state)")
    ap.add_argument("--init-head", default=None,
                    help="blind: the QF head from this blind checkpoint or export (with --init a luma model for the restorer), "
                         "and the predictor's own encoder when both models have one (blind-s2), so a retrained luma "
                         "model becomes a blind one without learning the predictor again")
    ap.add_argument("--warm-new", type=int, default=0,
                    help="for the first N steps train only the head and tail (the layers models.levels_state "
                         "leaves new in an unshuffled network started from a full-resolution one); then all")
    ap.add_argument("--head-only", action="store_true",
                    help="blind: train only the QF head; the restorer keeps the --init luma weights exactly, so the "
                         "blind model restores as that luma model under any QF and differs only in predicting it")
    ap.add_argument("--qf-loss", default="qf", choices=["qf", "log-scale", "restore"],
                    help="blind: the QF head's loss, L1 on QF / 100 (qf) or L1 on the log of the IJG table scale the "
                         "QF gives (log-scale: an error of one QF weighs as much as the tables it changes, most at "
                         "the two ends of the range, where a wrong QF costs the restoration most); restore (with "
                         "--head-only): the frozen restorer's --loss under the predicted QF, the gradient reaching the "
                         "prediction through the QF embedding, plus --qf-weight x the log-scale error")
    ap.add_argument("--qf-weight", type=float, default=0.1,
                    help="blind: weight of the QF error beside the restoration loss (joint training, --qf-loss restore)")
    ap.add_argument("--teacher", default=None,
                    help="luma: distil from this model (a checkpoint, or a shipped export with --teacher-arch) on the "
                         "same JPEG patch (see --kd-weight)")
    ap.add_argument("--teacher-arch", default="blockunet-l", help="architecture of an exported --teacher")
    ap.add_argument("--kd-weight", type=float, default=0.5,
                    help="with --teacher: --loss l1 trains on (1 - w) * L1(clean) + w * L1(teacher); l2 and psnr on "
                         "the distance to the target (1 - w) * clean + w * teacher (for l2 the same gradient as "
                         "(1 - w) * L2(clean) + w * L2(teacher))")
    ap.add_argument("--iters", type=int, default=20000, help="total iterations (sets the LR schedule)")
    ap.add_argument("--minutes", type=float, default=0, help="stop after this wall-clock budget (0 = none)")
    ap.add_argument("--schedule-minutes", type=float, default=0,
                    help="a schedule in training time instead of steps (GPU windows of unknown speed): the "
                         "cosine runs over this many minutes, summed across resumes, and training stops there; "
                         "--iters then only names the schedule's resolution")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--patch", type=int, default=96)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--loss", default="l1", choices=["l1", "l2", "psnr"],
                    help="distance to the clean patch: l1 (default), l2 (the squared error PSNR measures; "
                         "for a last phase at a low learning rate), or psnr (minus the mean per-patch PSNR: "
                         "L2 that weighs high-QF patches as much as low-QF ones)")
    ap.add_argument("--qf-dist", default="mix", choices=["mix", "uniform"])
    ap.add_argument("--qf-min", type=int, default=5)
    ap.add_argument("--qf-max", type=int, default=95)
    ap.add_argument("--double-prob", type=float, default=0.0, help="share of double-JPEG samples (FBCNN)")
    ap.add_argument("--align-dominant", action="store_true",
                    help="double JPEG whose first compression is the stronger: patch on the first one's grid "
                         "(the Java pipeline restores such images on the dominant grid)")
    ap.add_argument("--grid-jitter", action="store_true",
                    help="ablation: single-JPEG patches start at a random offset on the 8x8 grid")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=0,
                    help="processes drawing patch batches (a GPU outruns one; 0 = in the training loop)")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--precision", default="bf16", choices=["bf16", "fp32"],
                    help="bf16 autocast (weights and optimizer fp32): 1.5x faster per step on this CPU (bench/train_speed.py), the usual on GPUs")
    ap.add_argument("--channels-last", action="store_true",
                    help="channels_last memory format (with bf16 1.4x faster per step on an AVX-512 BF16 CPU, bench/train_speed.py)")
    ap.add_argument("--ema", type=float, default=0.0,
                    help="keep an exponential moving average of the weights with this decay (e.g. 0.999; 0 = none): "
                         "validated beside the raw weights and written to OUT/ema.pt, a checkpoint evaluate.py "
                         "and export.py read")
    ap.add_argument("--val-every", type=int, default=1000)
    ap.add_argument("--save-every-s", type=float, default=120)
    ap.add_argument("--log-every", type=int, default=100)
    ap.add_argument("--max-images", type=int, default=0, help="use at most N images per source (tests)")
    args = ap.parse_args(argv)
    # recorded with the run (and by export.py in the card): files of these sources no training sees
    args.held_out = [f"{s}: 1 file in 5 (data.held_out)" for s in data.HELD_OUT_SOURCES]
    for w in (args.init, args.init_head):
        if w and not init_held_out(w):
            args.held_out = []  # the weights it starts from saw those files
    return args


def init_held_out(path):
    """What the weights at ``path`` (a checkpoint, or an export with its card beside it) held out."""
    card = os.path.splitext(path)[0] + ".json"
    if os.path.exists(card):
        return (json.load(open(card)).get("training") or {}).get("held_out") or []
    try:
        import torch
        ck = torch.load(path, map_location="cpu")
        return ck.get("args", {}).get("held_out") or [] if isinstance(ck, dict) else []
    except Exception:
        return []


def lr_at(step, total, base):
    warm = min(500, total // 20 + 1)
    if step < warm:
        return base * (step + 1) / warm
    t = min(1.0, (step - warm) / max(1, total - warm))
    return 1e-6 + 0.5 * (base - 1e-6) * (1 + math.cos(math.pi * t))


def make_pool(args):
    train = os.path.join(args.data, "train")
    if args.task == "color":
        srcs = args.train_dirs.split(",") if args.train_dirs else ["color", "natural", "microscopy"]
        pool = data.load_color_pool(train, sources=srcs)
    else:
        srcs = args.train_dirs.split(",") if args.train_dirs else ["gray", "natural", "microscopy"]
        pool = data.load_gray_pool(train, sources=srcs)
    if args.max_images:
        pool = {k: v[:args.max_images] for k, v in pool.items()}
    if not pool:
        raise SystemExit(f"no training images under {train}")
    return pool


def validate(model, args, device, val_images, guide=None, cache={}):
    """Mean PSNR at QF 10 and 40: JPEG and restored (color: RGB PSNR, 4:2:0, with the luma-only
    pipeline as a baseline, computed once)."""
    if not val_images:
        return {}
    model.eval()
    out = {}
    with torch.no_grad():
        for qf in (10, 40):
            rows = {"jpeg": [], "restored": []} if args.task != "color" else {"jpeg": [], "luma_only": [], "restored": []}
            for i, clean in enumerate(val_images):
                deg = data.jpeg(clean, qf)
                rows["jpeg"].append(evaluate.psnr(clean, deg))
                if args.task == "color":
                    key = (qf, i)
                    if key not in cache:
                        cache[key] = evaluate.psnr(clean, evaluate.restore_rgb(guide, None, deg, qf, device))
                    rows["luma_only"].append(cache[key])
                    rest = evaluate.restore_rgb(guide, model, deg, qf, device)
                elif args.task == "blind":  # under its own prediction, one QF per image
                    rest = evaluate.restore_blind(model, deg, device)[0]
                else:
                    rest = evaluate.run_model(model, deg, qf, args.task, device)
                rows["restored"].append(evaluate.psnr(clean, rest))
            out[f"qf{qf}"] = {k: round(float(np.mean(v)), 4) for k, v in rows.items()}
    model.train()
    return out


class Unchanged(torch.nn.Module):
    def forward(self, x, qf):
        return x


def rgb_error(cbcr, target):
    """The R, G, B errors (up to sign) that a Cb/Cr error makes (JFIF inverse transform), so the
    losses weigh the two chroma planes as RGB PSNR does."""
    d = cbcr - target
    db, dr = d[:, 0], d[:, 1]
    return 1.402 * dr, 0.344136 * db + 0.714136 * dr, 1.772 * db


def rgb_l1(cbcr, target):
    """L1 of the RGB error that a Cb/Cr error makes."""
    return sum(e.abs() for e in rgb_error(cbcr, target)).mean() / 3.0


def source_weights(spec):
    """'microscopy=2,natural=0.5' -> the sampler's weights (unnamed sources 1)."""
    w = {"gray": 1.0, "natural": 1.0, "microscopy": 1.0, "color": 1.0}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        if name not in w or not value:
            raise SystemExit(f"--source-weights: '{part}' is not SOURCE=WEIGHT with SOURCE one of {sorted(w)}")
        w[name] = float(value)
    return w


def rgb_squared(cbcr, target):
    """Per-pixel squared RGB error (mean of R, G, B) that a Cb/Cr error makes (the error RGB PSNR
    measures), shape (N, H, W)."""
    return sum(e * e for e in rgb_error(cbcr, target)) / 3.0


# --loss psnr: the mean over patches of 10 log10(MSE + PSNR_FLOOR), i.e. minus each patch's PSNR (an
# MSE of 8-bit rounding alone, 1/12 of a gray level squared, bounds the weight of near-perfect patches)
PSNR_FLOOR = 1.0 / 12.0 / 255.0 ** 2


def distance(out, target, color, loss):
    """The training loss between a restored batch and its clean target (--loss): l1, l2, or psnr
    (minus the mean per-patch PSNR in dB: L2 weighted by 1/MSE, so a patch at QF 90 counts as
    much as one at QF 10, as in a table of mean PSNR per QF)."""
    if loss == "l1":
        return rgb_l1(out, target) if color else (out - target).abs().mean()
    sq = rgb_squared(out, target) if color else (out - target) ** 2
    if loss == "l2":
        return sq.mean()
    mse = sq.reshape(sq.shape[0], -1).mean(dim=1)
    return (10.0 * torch.log10(mse + PSNR_FLOOR)).mean()


def distilled(out, target, soft, w, color, loss):
    """The training loss with a teacher's output ``soft`` at weight ``w`` (--kd-weight). L1 adds the
    two distances; l2 and psnr measure the distance to the blend of the two targets, which for L2 is
    the weighted sum of the two squared distances less a constant (the same gradient), and keeps
    psnr's per-patch weighting (a weighted sum of two logarithms would let the teacher's term, the
    smaller error, dominate)."""
    if loss == "l1":
        return (1 - w) * distance(out, target, color, loss) + w * (out - soft).abs().mean()
    return distance(out, (1 - w) * target + w * soft, color, loss)


def stored_weights(path, arch, task):
    """(state dict, arch, task) of a training checkpoint, or of a frozen export of ``arch``/``task``
    whose weights export.py recovers."""
    ck = torch.load(path, map_location="cpu")  # an export loads as a ScriptModule
    if isinstance(ck, dict) and "model" in ck:
        return ck["model"], ck.get("arch", arch), ck.get("task", task)
    import export
    return export.state_from_torchscript(path, arch, task), arch, task


def init_weights(model, args):
    """--init: a training checkpoint, or a frozen export whose weights export.py recovers. A blind
    model starts its restorer from a luma model of the same widths (FBCNN's restorer with a QF head
    added; a predictor with its own encoder starts that from the restorer's) and its QF head from
    random or --init-head."""
    target = model.net if args.task == "blind" else model
    sub_arch = models.LUMA_OF_BLIND.get(args.arch, args.arch) if args.task == "blind" else args.arch
    sub_task = "luma" if args.task == "blind" else args.task
    state, arch, task = stored_weights(args.init, args.init_arch or sub_arch, sub_task)
    expect = sub_arch
    if task == "blind" and args.task == "blind":
        target, expect = model, args.arch
    if arch != expect and getattr(target, "unshuffle", 1) > 1:  # the lower levels of a full-resolution network
        state = models.levels_state(state, target)
    elif arch != expect:  # a deeper network of the same widths starts from a trained smaller one
        state = models.grown_state(state, target)
    target.load_state_dict(state)
    if args.task == "blind" and target is model.net and model.qnet is not None:  # the predictor's own encoder
        own = model.qnet.state_dict()
        model.qnet.load_state_dict({k: v for k, v in model.net.state_dict().items() if k in own})
    if args.init_head:
        if args.task != "blind":
            raise SystemExit("--init-head is for blind models")
        # the QF head, and the predictor's own encoder when both have one (a predictor-only export holds no more)
        own = ("qf_head.", "qnet.") if model.qnet is not None else ("qf_head.",)
        head = {k: v for k, v in stored_weights(args.init_head, args.arch, "blind")[0].items() if k.startswith(own)}
        missing = set(k for k in model.state_dict() if k.startswith("qf_head.")) - set(head)
        if not head or missing:
            raise SystemExit(f"{args.init_head}: no complete QF head (missing {sorted(missing)})")
        model.load_state_dict(head, strict=False)


def load_teacher(args, device):
    """--teacher as a frozen PyTorch module (a shipped export's weights are recovered into the
    Python architecture, so it runs under the same bf16 autocast as the student)."""
    if args.task != "luma":
        raise SystemExit("--teacher is for luma models")
    state, arch, task = stored_weights(args.teacher, args.teacher_arch, "luma")
    net = models.build(arch, task)
    net.load_state_dict(state)
    for p in net.parameters():
        p.requires_grad_(False)
    return net.eval().to(device)


def ijg_scale(q):
    """The IJG table scale of QF / 100, continuous in QF (models.ijg_scale), the QF kept in [1, 97] so
    that the scale stays >= 6."""
    return models.ijg_scale((q * 100).clamp(1, 97), integer=False)


def qf_error(pred, q, kind):
    """The QF head's loss: L1 on QF / 100, or L1 on log(IJG scale) (--qf-loss)."""
    if kind == "qf":
        return (pred - q).abs().mean()
    return (torch.log(ijg_scale(pred)) - torch.log(ijg_scale(q))).abs().mean()


def batch_loss(model, x, q, target, soft, args, color):
    """The loss of one batch (called inside the autocast). A blind model adds --qf-weight x its QF
    error (qf_error); with --head-only the frozen restorer is not run and the QF error is the whole
    loss, unless --qf-loss restore: then the frozen restorer runs under the predicted QF."""
    if args.head_only and args.qf_loss == "restore":  # the restoration under the prediction
        pred = model.predict(x)
        out = model.net(x, pred)
        return distance(out.float(), target, color, args.loss) + args.qf_weight * qf_error(pred.float(), q, "log-scale")
    if args.head_only:
        return qf_error(model.predict(x).float(), q, args.qf_loss)
    out = model(x, q)
    loss_q = 0.0
    if args.task == "blind":
        out, pred = out
        loss_q = qf_error(pred.float(), q, args.qf_loss)
    if soft is None:
        err = distance(out.float(), target, color, args.loss)
    else:
        err = distilled(out.float(), target, soft, args.kd_weight, color, args.loss)
    return err + args.qf_weight * loss_q


class TrainClock:
    """Seconds of training since the start: wall time, except that a gap of more than MAX_GAP_S between
    two readings (the process stopped by SIGSTOP for a benchmark, a suspended machine) counts as
    MAX_GAP_S, so a paused run keeps its --schedule-minutes. It is read once per step."""
    MAX_GAP_S = 60.0

    def __init__(self):
        self.last, self.total = time.time(), 0.0

    def __call__(self, now=None):
        now = time.time() if now is None else now
        self.total += min(max(now - self.last, 0.0), self.MAX_GAP_S)
        self.last = now
        return self.total


def main(argv=None):
    args = parse(argv)
    os.makedirs(args.out, exist_ok=True)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    if args.device == "auto":
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(args.device)
    model = models.build(args.arch, args.task).to(device)
    memory = torch.channels_last if args.channels_last else torch.contiguous_format
    model = model.to(memory_format=memory)
    if args.qf_loss == "restore" and not args.head_only:
        raise SystemExit("--qf-loss restore trains the predictor through a frozen restorer: give --head-only")
    if args.warm_new and not isinstance(model, models.BlockUNet):
        raise SystemExit("--warm-new is for a BlockUNet started by --init-arch (its head and tail are new)")
    if args.head_only:
        if args.task != "blind":
            raise SystemExit("--head-only is for blind models")
        model.net.requires_grad_(False)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    step = 0
    ckpt_path = args.resume or os.path.join(args.out, "last.pt")
    sampler_seed = args.seed
    train_s = 0.0  # training time before this session (--schedule-minutes)
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location=device)
        model.load_state_dict(ck["model"])
        if "opt" in ck:  # a checkpoint shrunk for transfer (training/shrink.py) has no optimizer state
            opt.load_state_dict(ck["opt"])
        step = ck["step"]
        train_s = ck.get("train_s", 0.0)
        sampler_seed = args.seed * 1000003 + step  # fresh, reproducible stream after a resume
        print(f"resumed {ckpt_path} at step {step}", flush=True)
    elif args.init:
        init_weights(model, args)
        print(f"initialised from {args.init}", flush=True)
    ema = None
    if args.ema:
        ema = {k: v.detach().float().clone() for k, v in model.state_dict().items()}
        if os.path.exists(ckpt_path) and "ema" in torch.load(ckpt_path, map_location="cpu"):
            ema = torch.load(ckpt_path, map_location=device)["ema"]
    pool = make_pool(args)
    print("pool:", {k: len(v) for k, v in pool.items()}, "device:", device, flush=True)
    color = args.task == "color"
    sampler = data.PatchSampler(pool, args.patch, sampler_seed, args.qf_dist, args.qf_min, args.qf_max,
                                args.double_prob, weights=source_weights(args.source_weights),
                                color=color, p444=args.p444, align_dominant=args.align_dominant,
                                grid_jitter=args.grid_jitter)
    print("patches drawn from:", ", ".join(f"{k} {v:.0%}" for k, v in sampler.shares().items()), flush=True)
    batches = data.batch_stream(sampler, args.batch, args.workers, sampler_seed)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    guide = None
    if color:
        if args.guide == "clean":
            guide = Unchanged()  # validation then keeps the decoded Y
        else:
            guide, _ = evaluate.load_any(args.guide)
            guide = guide.to(device)
        print("guide:", args.guide, flush=True)
    teacher = load_teacher(args, device) if args.teacher else None
    if teacher is not None:
        print("teacher:", args.teacher, "weight", args.kd_weight, flush=True)
    if args.val is None:
        args.val = "McMaster" if color else "classic5"
    val_images = []
    if args.val:
        vd = os.path.join(args.data, "val", args.val)
        if os.path.isdir(vd):
            val_images = [evaluate.read_image(p, color=args.task == "color") for p in data.list_images(vd)]
    use_amp = args.precision == "bf16"
    log = open(os.path.join(args.out, "log.jsonl"), "a")
    log.write(json.dumps({"event": "start", "step": step, "args": vars(args), "device": str(device),
                          "torch": torch.__version__, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}) + "\n")
    t0 = time.time()
    clock = TrainClock()
    last_save = t0
    run_loss, run_n = 0.0, 0

    def save():
        tmp = ckpt_path + ".tmp"
        extra = {"ema": ema} if ema is not None else {}
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "arch": args.arch,
                    "train_s": train_s + clock(),
                    "task": args.task, "args": vars(args), **extra}, tmp)
        os.replace(tmp, ckpt_path)
        if ema is not None:
            ema_path = os.path.join(args.out, "ema.pt")
            torch.save({"model": ema, "step": step, "arch": args.arch, "task": args.task, "args": vars(args),
                        "ema": args.ema}, ema_path + ".tmp")
            os.replace(ema_path + ".tmp", ema_path)

    def validate_ema():
        raw = {k: v.clone() for k, v in model.state_dict().items()}
        model.load_state_dict(ema)
        v = validate(model, args, device, val_images, guide)
        model.load_state_dict(raw)
        return v

    stop = []  # SIGTERM / SIGINT: finish the step, save, exit (a killed session loses nothing)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.append(1))
    model.train()
    held = [p for n, p in model.named_parameters() if not n.startswith(("head.", "tail."))]  # --warm-new
    sched_s = args.schedule_minutes * 60
    while step < args.iters and not stop:
        if sched_s:
            done = train_s + clock()
            if done >= sched_s:
                print(f"schedule complete at step {step}", flush=True)
                break
            at = int(done / sched_s * args.iters)
        else:
            at = step
        for g in opt.param_groups:
            g["lr"] = lr_at(at, args.iters, args.lr)
        x, y, q = next(batches)
        x, y, q = (torch.as_tensor(a).to(device, non_blocking=True) for a in (x, y, q))
        x, y = (a.contiguous(memory_format=memory) for a in (x, y))
        if color:  # chroma guided by the Y the pipeline gives it: the luma restorer's output
            target = y[:, 1:]
            with torch.no_grad():
                g = y[:, :1] if args.guide == "clean" else guide(x[:, :1], q).clamp(0, 1)
            x = torch.cat([g, x[:, 1:]], 1)
        else:
            target = y
        soft = None
        if teacher is not None:
            with torch.no_grad(), torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=use_amp):
                soft = teacher(x, q).float()
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=use_amp):
            loss = batch_loss(model, x, q, target, soft, args, color)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if step < args.warm_new:  # no gradient, no Adam state: the rest starts fresh at step N
            for p in held:
                p.grad = None
        opt.step()
        step += 1
        if ema is not None:
            with torch.no_grad():
                for k, v in model.state_dict().items():
                    if v.dtype.is_floating_point:
                        ema[k].mul_(args.ema).add_(v.float(), alpha=1 - args.ema)
                    else:
                        ema[k].copy_(v)
        run_loss += float(loss)
        run_n += 1
        if step % args.log_every == 0:
            rec = {"step": step, "loss": run_loss / run_n, "lr": opt.param_groups[0]["lr"],
                   "elapsed_s": round(time.time() - t0, 1)}
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
            run_loss, run_n = 0.0, 0
        if step % args.val_every == 0 or step == args.iters:
            v = validate(model, args, device, val_images, guide)
            rec = {"step": step, "val": v, "set": args.val}
            if ema is not None:
                rec["val_ema"] = validate_ema()
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
        now = time.time()
        if now - last_save > args.save_every_s:
            save()
            last_save = now
        if args.minutes and now - t0 > args.minutes * 60:
            print(f"time budget reached at step {step}", flush=True)
            break
    if stop:
        print(f"stopped by a signal at step {step}", flush=True)
    save()
    log.write(json.dumps({"event": "stop", "step": step, "elapsed_s": round(time.time() - t0, 1)}) + "\n")
    log.close()


if __name__ == "__main__":
    main()
