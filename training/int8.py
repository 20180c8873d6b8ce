"""int8 variant of a luma export, for x86 CPUs without bf16 (issue 25's speed bar).

A JPEG image has one QF. At one QF the FiLM of a residual block, relu(c1 x) * s + b feeding the
linear c2, folds into c2: s scales c2's input channels, b adds sum(c2.weight * b) to its bias
(bench/int8_fx.py found that what keeps int8 from paying is the FiLM left between quantized
convolutions). What is left of a level is convolution, ReLU, add and pixel (un)shuffle, all int8.

The file is one scripted module (not traced: it keeps state). Its forward(x, qf) takes the same
inputs as the fp32 file:
- the head, the full-resolution and half-resolution levels and the tail stay float, FiLM included.
  With the half-resolution level in int8 too the file was 1.7x fp32's speed instead of 1.3-1.5x,
  but held-out microscopy lost up to 0.049 dB (QF 90; its 8-bit activations there, measured by
  simulating each level's quantization alone), over the 0.02 dB bound;
- the two coarsest levels (1/16 and 1/64 of the pixels, 64 and 128 channels, over half the
  arithmetic) run int8 (x86 engine: fbgemm / oneDNN with VNNI). Each c1 is packed once;
  each c2, folded with the FiLM of the call's QF, is packed when the QF changes and kept, so an
  image's tiles pay the packing once;
- activation scales were calibrated at a grid of QFs (8-bit, histogram observers, crops of the
  training pool); a call takes the grid QF nearest its own;
- the folded bias counts b at all nine taps, but at the edge of each tensor the network's zero
  padding gives c2 zeros there: each c2 output's border rows and columns are corrected (8 vectors
  per block and QF), so the fold is exact to the edge. Without the correction the error reaches
  about 100 pixels into the image (the receptive field): even with 8 pixels of symmetric padding
  around the image the folded float network lost 0.014 dB on held-out microscopy at QF 10 (0.033
  once in int8).

Accepted, as the bf16 variant is, only within --limit dB of the fp32 file at every (set, QF);
then recorded in the card as "variants": {"int8": {...}}.

    python3 training/int8.py --card models/luma.json
"""
import argparse
import copy
import json
import os
import sys
import time
from typing import List, Optional

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
import evaluate  # noqa: E402
import export  # noqa: E402
import models  # noqa: E402

QF_GRID = list(range(5, 100, 5))  # activation scales calibrated at these QFs; a call takes the nearest


def weight_q(w: torch.Tensor) -> torch.Tensor:
    """Per-output-channel symmetric int8 weights."""
    s = w.abs().amax(dim=(1, 2, 3)).clamp_min(1e-12) / 127.0
    return torch.quantize_per_channel(w, s.double(), torch.zeros(w.shape[0], dtype=torch.long), 0, torch.qint8)


def pack(w: torch.Tensor, b: torch.Tensor, pad: int):
    return torch.ops.quantized.conv2d_prepack(weight_q(w), b, [1, 1], [pad, pad], [1, 1], 1)


class Int8Block(nn.Module):
    """A FiLMResBlock of an int8 level: x + c2(film(relu(c1 x))) on quantized x."""

    p1: Optional[torch.classes.quantized.Conv2dPackedParamsBase]
    p2: Optional[torch.classes.quantized.Conv2dPackedParamsBase]
    qf: float

    def __init__(self, blk: models.FiLMResBlock, k: int):
        super().__init__()
        self.w1, self.b1 = blk.c1.weight.detach().clone(), blk.c1.bias.detach().clone()
        self.w2, self.b2 = blk.c2.weight.detach().clone(), blk.c2.bias.detach().clone()
        self.film = copy.deepcopy(blk.film)
        self.k = k  # first of its three activation points: relu(c1), c2, the sum
        self.p1 = None
        self.p2 = None
        self.qf = -1.0
        self.edges = torch.zeros(8, self.w2.shape[0])

    def folded(self, e: torch.Tensor):
        """c2's weight and bias with the FiLM of embedding e folded in, and the edge corrections:
        the folded bias adds every tap's share of the shift b, but at the edge of the tensor the
        network's zero padding gives c2 zeros, not b, for the taps outside. [8, C]: the sums of the
        taps outside the top row, bottom row, left column and right column (subtracted there), and
        the four corner taps, which those subtract twice (added back at the corners)."""
        g, b = self.film(e).chunk(2, dim=1)
        s, b = 1.0 + g[0], b[0]
        taps = torch.einsum("oiyx,i->oyx", self.w2, b)
        edges = torch.stack([taps[:, 0].sum(1), taps[:, 2].sum(1), taps[:, :, 0].sum(1), taps[:, :, 2].sum(1),
                             taps[:, 0, 0], taps[:, 0, 2], taps[:, 2, 0], taps[:, 2, 2]])
        return self.w2 * s[None, :, None, None], self.b2 + taps.sum(dim=(1, 2)), edges

    @torch.jit.unused
    def float_forward(self, x: torch.Tensor, e: torch.Tensor, seen: dict) -> torch.Tensor:
        """The block in float as the int8 forward computes it (folded, edges corrected): the
        network's block exactly."""
        w2, b2, edges = self.folded(e)
        r = F.relu(F.conv2d(x, self.w1, self.b1, padding=1))
        y = edge_corrected(F.conv2d(r, w2, b2, padding=1), edges)
        out = x + y
        seen[self.k], seen[self.k + 1], seen[self.k + 2] = r, y, out
        return out

    def forward(self, x: torch.Tensor, e: torch.Tensor, qf: float, sc: torch.Tensor, zp: torch.Tensor) -> torch.Tensor:
        p1 = self.p1
        if p1 is None:
            p1 = pack(self.w1, self.b1, 1)
            self.p1 = p1
        p2 = self.p2
        if p2 is None or qf != self.qf:
            w2, b2, edges = self.folded(e)
            p2 = pack(w2, b2, 1)
            self.p2 = p2
            self.edges = edges
            self.qf = qf
        k = self.k
        r = torch.ops.quantized.conv2d_relu(x, p1, float(sc[k]), int(zp[k]))
        y = edge_corrected_q(torch.ops.quantized.conv2d(r, p2, float(sc[k + 1]), int(zp[k + 1])), self.edges)
        return torch.ops.quantized.add(x, y, float(sc[k + 2]), int(zp[k + 2]))


def edge_corrected(y: torch.Tensor, edges: torch.Tensor) -> torch.Tensor:
    """y (float) with the edge corrections of Int8Block.folded applied to its border rows and
    columns."""
    y = y.clone()
    h, w = y.shape[2], y.shape[3]
    c = edges[:, :, None, None]
    y[:, :, 0:1, :] -= c[0]
    y[:, :, h - 1:h, :] -= c[1]
    y[:, :, :, 0:1] -= c[2]
    y[:, :, :, w - 1:w] -= c[3]
    y[:, :, 0:1, 0:1] += c[4]
    y[:, :, 0:1, w - 1:w] += c[5]
    y[:, :, h - 1:h, 0:1] += c[6]
    y[:, :, h - 1:h, w - 1:w] += c[7]
    return y


def edge_corrected_q(y: torch.Tensor, edges: torch.Tensor) -> torch.Tensor:
    """The same on a quantized y, in place: each border strip dequantized, corrected, quantized
    back at y's scale (a few thousand values per call, against millions in the convolutions)."""
    h, w = y.shape[2], y.shape[3]
    s, z = y.q_scale(), y.q_zero_point()
    c = edges[:, :, None, None]
    strips = [(0, 1, 0, w, -c[0]), (h - 1, h, 0, w, -c[1]), (0, h, 0, 1, -c[2]), (0, h, w - 1, w, -c[3]),
              (0, 1, 0, 1, c[4]), (0, 1, w - 1, w, c[5]), (h - 1, h, 0, 1, c[6]), (h - 1, h, w - 1, w, c[7])]
    for y0, y1, x0, x1, d in strips:
        part = y[:, :, y0:y1, x0:x1]
        y[:, :, y0:y1, x0:x1] = torch.quantize_per_tensor(part.dequantize() + d, s, z, torch.quint8)
    return y


class Int8Conv1x1(nn.Module):
    """A down (after pixel_unshuffle) or up (before pixel_shuffle) 1x1 convolution, int8."""

    p: Optional[torch.classes.quantized.Conv2dPackedParamsBase]

    def __init__(self, conv: nn.Conv2d, k: int):
        super().__init__()
        self.w, self.b = conv.weight.detach().clone(), conv.bias.detach().clone()
        self.k = k
        self.p = None

    @torch.jit.unused
    def float_forward(self, x: torch.Tensor, seen: dict) -> torch.Tensor:
        y = F.conv2d(x, self.w, self.b)
        seen[self.k] = y
        return y

    def forward(self, x: torch.Tensor, sc: torch.Tensor, zp: torch.Tensor) -> torch.Tensor:
        p = self.p
        if p is None:
            p = pack(self.w, self.b, 0)
            self.p = p
        return torch.ops.quantized.conv2d(x, p, float(sc[self.k]), int(zp[self.k]))


class LumaInt8(nn.Module):
    """The luma BlockUNet with its two coarsest levels in int8 (module docstring)."""

    def __init__(self, net: models.BlockUNet):
        super().__init__()
        if len(net.enc) != 4 or net.unshuffle != 1:
            raise ValueError("int8 export is for the four-level blockunet (blockunet-s)")
        self.embed = copy.deepcopy(net.embed)
        cl = copy.deepcopy(net).to(memory_format=torch.channels_last).eval()
        e = net.embed(torch.tensor([[0.5]])).detach()
        x = torch.rand(1, 1, 64, 64)
        with torch.no_grad():
            h, s0, s1 = OuterIn(cl)(x, e)
            self.fin = torch.jit.trace(OuterIn(cl).eval(), (x, e))
            self.fout = torch.jit.trace(OuterOut(cl).eval(), (h, s0, s1, e))
        k = 1  # point 0: the quantized input of level 2
        self.enc2 = nn.ModuleList([Int8Block(blk, k + 3 * j) for j, blk in enumerate(net.enc[2])])
        k += 3 * len(net.enc[2])
        self.enc3 = nn.ModuleList([Int8Block(blk, k + 3 * j) for j, blk in enumerate(net.enc[3])])
        k += 3 * len(net.enc[3])
        self.down2 = Int8Conv1x1(net.down[2], k)
        self.up2 = Int8Conv1x1(net.up[2], k + 1)
        self.k_skip2 = k + 2
        k += 3
        self.dec2 = nn.ModuleList([Int8Block(blk, k + 3 * j) for j, blk in enumerate(net.dec[2])])
        k += 3 * len(net.dec[2])
        self.points = k
        self.register_buffer("grid", torch.tensor(QF_GRID, dtype=torch.float32) / 100.0)
        self.register_buffer("scales", torch.ones(len(QF_GRID), k, dtype=torch.float64))
        self.register_buffer("zeros", torch.zeros(len(QF_GRID), k, dtype=torch.long))

    @torch.jit.unused
    def float_body(self, h: torch.Tensor, e: torch.Tensor) -> List[torch.Tensor]:
        """The int8 part in float at embedding e (the folded network with its edge corrections:
        the network's levels 2 and 3 exactly); returns every activation point, in the scale
        table's order (calibration)."""
        seen = {0: h}
        for b in self.enc2:
            h = b.float_forward(h, e, seen)
        s2 = h
        h = self.down2.float_forward(F.pixel_unshuffle(h, 2), seen)
        for b in self.enc3:
            h = b.float_forward(h, e, seen)
        h = F.pixel_shuffle(self.up2.float_forward(h, seen), 2) + s2
        seen[self.k_skip2] = h
        for b in self.dec2:
            h = b.float_forward(h, e, seen)
        return [seen[k] for k in range(self.points)]

    def outer_in(self, x: torch.Tensor, e: torch.Tensor):
        return self.fin(x, e)

    def outer_out(self, h: torch.Tensor, s0: torch.Tensor, s1: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        return self.fout(h, s0, s1, e)

    def forward(self, x: torch.Tensor, qf: torch.Tensor) -> torch.Tensor:
        q = qf[0:1]
        e = self.embed(q)
        g = int(torch.argmin((self.grid - q[0, 0]).abs()))
        sc, zp = self.scales[g], self.zeros[g]
        qv = float(q[0, 0])
        h, s0, s1 = self.outer_in(x, e)
        h = torch.quantize_per_tensor(h, float(sc[0]), int(zp[0]), torch.quint8)
        for b in self.enc2:
            h = b(h, e, qv, sc, zp)
        s2 = h
        h = self.down2(nhwc(F.pixel_unshuffle(h, 2)), sc, zp)
        for b in self.enc3:
            h = b(h, e, qv, sc, zp)
        h = torch.ops.quantized.add(nhwc(F.pixel_shuffle(self.up2(h, sc, zp), 2)), s2, float(sc[self.k_skip2]), int(zp[self.k_skip2]))
        for b in self.dec2:
            h = b(h, e, qv, sc, zp)
        return x + self.outer_out(h.dequantize(), s0, s1, e)


def nhwc(t: torch.Tensor) -> torch.Tensor:
    """Channels-last, as the quantized convolutions and adds want their inputs (pixel (un)shuffle
    returns NCHW; an add of mixed layouts takes libtorch's slow path)."""
    return t.contiguous(memory_format=torch.channels_last)


class OuterIn(nn.Module):
    """Head and the two finer encoder levels, float, channels_last: (image, embedding) -> (level-2
    input, level-0 skip, level-1 skip)."""

    def __init__(self, net: models.BlockUNet):
        super().__init__()
        self.head, self.enc0, self.enc1, self.down0, self.down1 = net.head, net.enc[0], net.enc[1], net.down[0], net.down[1]

    def forward(self, x: torch.Tensor, e: torch.Tensor):
        h = self.head(x.contiguous(memory_format=torch.channels_last))
        for b in self.enc0:
            h = b(h, e)
        s0 = h
        h = nhwc(self.down0(nhwc(F.pixel_unshuffle(h, 2))))
        for b in self.enc1:
            h = b(h, e)
        s1 = h
        return nhwc(self.down1(nhwc(F.pixel_unshuffle(h, 2)))), s0, s1


class OuterOut(nn.Module):
    """The two finer decoder levels and the tail, float, channels_last: (level-2 output, level-0
    skip, level-1 skip, embedding) -> residual, NCHW."""

    def __init__(self, net: models.BlockUNet):
        super().__init__()
        self.up0, self.up1, self.dec0, self.dec1, self.tail = net.up[0], net.up[1], net.dec[0], net.dec[1], net.tail

    def forward(self, h: torch.Tensor, s0: torch.Tensor, s1: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        h = nhwc(F.pixel_shuffle(self.up1(nhwc(h)), 2)) + s1
        for b in self.dec1:
            h = b(h, e)
        h = nhwc(F.pixel_shuffle(self.up0(h), 2)) + s0
        for b in self.dec0:
            h = b(h, e)
        return self.tail(h).contiguous()


CALIBRATION_SOURCES = ("microscopy", "gray", "microscopy", "natural")


def calibration_batches(data_dir, n, qfs, side=128, seed=0, sources=CALIBRATION_SOURCES):
    """n gray training crops, JPEG-compressed at the given QFs in turn: [(image [1, 1, side, side]
    in [0, 1], qf [1, 1] = QF / 100)]. One crop per file (a random plane of a stack, a random
    place), files drawn in turn from the luma model's sources with microscopy twice (half the
    crops, as in its training), so that no stack of many planes fills the set; the held-out
    microscopy files are excluded (data.training_files)."""
    rng = np.random.default_rng(seed)
    train = os.path.join(data_dir, "train")
    sources = [src for src in sources if os.path.isdir(os.path.join(train, src))]
    files = {src: [p for p in data.training_files(train, src)] for src in set(sources)}
    files = {src: [fs[i] for i in rng.permutation(len(fs))] for src, fs in files.items() if fs}
    sources = [src for src in sources if src in files]
    if not sources:
        raise SystemExit(f"no training images under {train} (gray, natural, microscopy) to calibrate on")
    out, tries, nxt = [], 0, {src: 0 for src in files}
    while len(out) < n and tries < 20 * n:
        src = sources[tries % len(sources)]
        tries += 1
        fs = files[src]
        path = fs[nxt[src] % len(fs)]
        nxt[src] += 1
        planes = [pl for pl in data.read_planes(path) if min(pl.shape) >= side and pl.std() > 1.0]
        if not planes:
            continue
        a = planes[int(rng.integers(len(planes)))]
        y, x = int(rng.integers(a.shape[0] - side + 1)), int(rng.integers(a.shape[1] - side + 1))
        y, x = y - y % 8, x - x % 8
        crop = np.ascontiguousarray(a[y:y + side, x:x + side])
        qf = qfs[len(out) % len(qfs)]
        deg = data.jpeg(crop, qf).astype(np.float32) / 255.0
        out.append((torch.from_numpy(deg)[None, None], torch.tensor([[qf / 100.0]])))
    if not out:
        raise SystemExit(f"no training image under {train} is {side} pixels on each side")
    return out


def calibrate(m: LumaInt8, data_dir: str, crops: int, seed: int = 0, side: int = 128):
    """Fills m's scale table: at each grid QF, 8-bit histogram observers on every activation
    point of the folded float body over ``crops`` JPEG-compressed training crops at that QF."""
    from torch.ao.quantization import HistogramObserver
    for gi, qf in enumerate(QF_GRID):
        batches = calibration_batches(data_dir, crops, [qf], side=side, seed=seed)
        obs = [HistogramObserver(dtype=torch.quint8, reduce_range=False) for _ in range(m.points)]
        with torch.no_grad():
            for x, q in batches:
                e = m.embed(q)
                h = m.outer_in(x, e)[0]
                for o, t in zip(obs, m.float_body(h, e)):
                    o(t)
        for k, o in enumerate(obs):
            s, z = o.calculate_qparams()
            m.scales[gi, k], m.zeros[gi, k] = float(s), int(z)
        print(f"calibrated QF {qf}", flush=True)


def psnr_table(fp32, int8, data_dir, sets, qfs):
    """{set: {qf: [PSNR fp32, PSNR int8]}} on single JPEG under the true QF."""
    out = {}
    for s in sets:
        imgs = evaluate.set_images(data_dir, s)
        for qf in qfs:
            a, b = [], []
            for clean in imgs:
                deg = data.jpeg(clean, qf)
                a.append(evaluate.psnr(clean, evaluate.run_model(fp32, deg, qf)))
                b.append(evaluate.psnr(clean, evaluate.run_model(int8, deg, qf)))
            out.setdefault(s, {})[str(qf)] = [round(float(np.mean(a)), 4), round(float(np.mean(b)), 4)]
            print(s, qf, out[s][str(qf)], f"{out[s][str(qf)][1] - out[s][str(qf)][0]:+.4f}", flush=True)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", required=True, help="the exported luma model's card (NAME.json beside NAME.pt)")
    ap.add_argument("--data", default=evaluate.DEFAULT_DATA, help="folder with train/ (calibration) and val/")
    ap.add_argument("--crops", type=int, default=64, help="calibration crops per grid QF")
    ap.add_argument("--side", type=int, default=128, help="calibration crop side (a multiple of 16)")
    ap.add_argument("--sets", default="classic5,Set12,BSD68,microscopy")
    ap.add_argument("--qfs", default="10,20,30,40,50,60,70,80,90")
    ap.add_argument("--limit", type=float, default=0.02, help="largest PSNR change accepted (dB)")
    ap.add_argument("--engine", default="x86", help="quantized engine for the measurement (DJL's libtorch on x86 uses x86)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.backends.quantized.engine = args.engine
    card = json.load(open(args.card))
    if card["task"] != "luma":
        raise SystemExit("int8 variants exist for luma models only")
    folder = os.path.dirname(os.path.abspath(args.card))
    fp32_path = os.path.join(folder, card["file"])
    net = models.build(card["architecture"], "luma")
    net.load_state_dict(export.state_from_torchscript(fp32_path, card["architecture"], "luma"))
    net.eval()
    m = LumaInt8(net).eval()
    t0 = time.time()
    calibrate(m, args.data, args.crops, side=args.side)
    print(f"calibrated in {time.time() - t0:.0f} s", flush=True)
    name = os.path.splitext(card["file"])[0] + "-int8"
    pt = os.path.join(folder, name + ".pt")
    tmp = pt + ".part"
    with torch.no_grad():
        torch.jit.freeze(torch.jit.script(m).eval()).save(tmp)
    int8 = torch.jit.load(tmp)
    fp32 = torch.jit.load(fp32_path)
    table = psnr_table(fp32, int8, args.data, args.sets.split(","), [int(v) for v in args.qfs.split(",")])
    worst = max(abs(v[1] - v[0]) for s in table.values() for v in s.values())
    if worst > args.limit:
        os.remove(tmp)
        raise SystemExit(f"int8 changes PSNR by up to {worst:.4f} dB (limit {args.limit}); not recorded")
    os.replace(tmp, pt)
    card.setdefault("variants", {})["int8"] = {
        "file": name + ".pt",
        "sha256": export.sha256(pt),
        "how": "training/int8.py: scripted and frozen with torch " + torch.__version__ + "; the two coarsest "
               "levels int8 (x86 engine), the FiLM of the call's QF folded into each block's second "
               "convolution and packed when the QF changes; head, the two finer levels and tail float, "
               f"channels_last; activation scales calibrated at QF {QF_GRID} ({args.crops} training crops "
               f"each), the nearest grid QF's taken; c2's border rows and columns corrected for the fold; "
               "one QF per call (the first row's); float32 in and out",
        "psnr_change_db": round(worst, 4),
        "psnr_fp32_int8": table,
    }
    with open(args.card, "w") as f:
        json.dump(card, f, indent=1)
    print(f"wrote {pt}: PSNR within {worst:.4f} dB of fp32; card {args.card} updated")


if __name__ == "__main__":
    main()
