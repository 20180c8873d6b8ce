"""Network definitions for the three restorers.

All models take NCHW float32 tensors in [0, 1] and a quality factor tensor ``qf`` of shape
[N, 1] holding QF / 100 (IJG quality, 1..100). Inputs must have H and W divisible by
``SIZE_MULTIPLE`` (16: the 4:2:0 MCU, and three 2x pixel-unshuffles that put one feature
vector on each 8x8 JPEG block). The Java tiler pads with edge replication and crops back.

BlockUNet: a multi-scale U-Net whose downsampling is pixel-unshuffle (space-to-depth), so the
coarsest level holds exactly one feature vector per 8x8 JPEG block, aligned with the JPEG grid
(the block-domain idea of QGAC, the multi-scale idea of FBCNN) and most of the capacity runs at
1/64 of the pixels. QF conditioning is FiLM (per-channel scale and shift from the QF) on every
residual block.

RRDBNet: the RRDB autoencoder of Zini et al. (Table I) as the high-quality configuration.

The ``ablate-*`` architectures exist for the equal-budget comparison in BENCHMARKS.md
("Architecture ablation": which of the seeds' ideas pays): BlockUNet without QF conditioning,
with a DCT + quantization-table input at the block level, and a single-scale network of the same
FLOPs. None is shipped.
"""
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

SIZE_MULTIPLE = 16


class QFEmbed(nn.Module):
    """QF / 100 -> an embedding vector shared by all FiLM layers."""

    def __init__(self, dim: int = 64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(1, dim), nn.ReLU(inplace=True), nn.Linear(dim, dim), nn.ReLU(inplace=True))
        self.dim = dim

    def forward(self, qf: torch.Tensor) -> torch.Tensor:
        return self.net(qf)


class FiLMResBlock(nn.Module):
    """conv-ReLU-conv with a QF-dependent per-channel scale and shift, residual."""

    def __init__(self, ch: int, emb: int):
        super().__init__()
        self.c1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.c2 = nn.Conv2d(ch, ch, 3, padding=1)
        self.film = nn.Linear(emb, 2 * ch)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)

    def forward(self, x: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        g, b = self.film(e).chunk(2, dim=1)
        h = F.relu(self.c1(x))
        h = h * (1.0 + g[:, :, None, None]) + b[:, :, None, None]
        return x + self.c2(h)


# IJG luminance quantization table (ITU-T T.81 Annex K), row = vertical frequency
IJG_LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
            14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
            18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
            49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]


def ijg_scale(qf: torch.Tensor, integer: bool = True) -> torch.Tensor:
    """IJG quality scaling in percent of a QF tensor (1..100): 5000 / QF below 50 (integer division),
    else 200 - 2 QF (docs/architecture.md §4). ``integer=False`` leaves out the division's rounding,
    so the scale is continuous in QF (a loss on a predicted QF, train.qf_error)."""
    return torch.where(qf < 50, torch.floor(5000 / qf) if integer else 5000 / qf, 200 - 2 * qf)


class BlockDCT(nn.Module):
    """The 64 orthonormal 8x8 DCT-II coefficients of each JPEG block of the first channel (one
    vector per block, as the coarsest BlockUNet level), and the IJG luminance table of the QF
    (QGCN's quantization-table input): [N, 128, H/8, W/8]. Coefficients of x - 0.5 (x in [0, 1]),
    table / 100."""

    def __init__(self):
        super().__init__()
        d = torch.tensor([[math.sqrt((1 if k == 0 else 2) / 8) * math.cos((2 * n + 1) * k * math.pi / 16)
                           for n in range(8)] for k in range(8)])  # 1-D DCT-II matrix, row = frequency
        # separable 2-D basis: filter v * 8 + u = row v (vertical) x row u (horizontal)
        self.register_buffer("basis", torch.einsum("vy,ux->vuyx", d, d).reshape(64, 1, 8, 8))
        self.register_buffer("table", torch.tensor(IJG_LUMA, dtype=torch.float32)[None])

    def forward(self, x: torch.Tensor, qf: torch.Tensor) -> torch.Tensor:
        coef = F.conv2d(x[:, :1] - 0.5, self.basis, stride=8)
        scale = ijg_scale(torch.round(qf * 100).clamp(1, 100))
        t = torch.floor((self.table * scale + 50) / 100).clamp(1, 255) / 100
        return torch.cat([coef, t[:, :, None, None].expand(-1, -1, coef.shape[2], coef.shape[3])], 1)


class BlockUNet(nn.Module):
    """Multi-scale restorer. ``in_ch`` image channels in, ``out_ch`` out; residual on the
    first ``out_ch`` channels of ``x[:, skip_from:]`` (luma: the image itself; color: Cb, Cr).
    Ablations: ``qf_cond=False`` gives every FiLM layer the same QF (no conditioning);
    ``dct_input=True`` adds a BlockDCT branch (1x1 conv) where the coarsest level begins (with
    three levels below it, one vector per 8x8 block). ``unshuffle=2`` runs the network on the
    image's 2x2 pixel phases (pixel_unshuffle in, pixel_shuffle out) instead of at full resolution:
    no full-resolution level, where a CPU's convolutions are least efficient."""

    def __init__(self, in_ch: int = 1, out_ch: int = 1, widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4),
                 emb: int = 64, skip_from: int = 0, qf_cond: bool = True, dct_input: bool = False,
                 encoder_only: bool = False, unshuffle: int = 1):
        super().__init__()
        self.in_ch, self.out_ch, self.skip_from = in_ch, out_ch, skip_from
        self.qf_cond = qf_cond
        self.unshuffle = unshuffle
        self.dct = None
        if dct_input:
            if len(widths) != 4 or unshuffle != 1:
                raise ValueError("dct_input needs four full-resolution levels (the coarsest one per 8x8 block)")
            self.dct = BlockDCT()
            self.dct_in = nn.Conv2d(128, widths[-1], 1)
        self.widths, self.blocks = list(widths), list(blocks)
        self.embed = QFEmbed(emb)
        self.head = nn.Conv2d(in_ch * unshuffle ** 2, widths[0], 3, padding=1)
        self.enc = nn.ModuleList()
        self.down = nn.ModuleList()
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        n = len(widths)
        for i in range(n):
            self.enc.append(nn.ModuleList([FiLMResBlock(widths[i], emb) for _ in range(blocks[i])]))
        for i in range(n - 1):
            self.down.append(nn.Conv2d(4 * widths[i], widths[i + 1], 1))
            if not encoder_only:  # encoder_only: features() only (a blind model's predictor)
                self.up.append(nn.Conv2d(widths[i + 1], 4 * widths[i], 1))
                self.dec.append(nn.ModuleList([FiLMResBlock(widths[i], emb) for _ in range(blocks[i])]))
        self.tail = None if encoder_only else nn.Conv2d(widths[0], out_ch * unshuffle ** 2, 3, padding=1)
        if self.tail is not None:
            nn.init.zeros_(self.tail.weight)
            nn.init.zeros_(self.tail.bias)

    def features(self, x: torch.Tensor, e: torch.Tensor, qf=None):
        h = self.head(F.pixel_unshuffle(x, self.unshuffle) if self.unshuffle > 1 else x)
        skips = []
        for i, level in enumerate(self.enc):
            if self.dct is not None and i == len(self.enc) - 1 and qf is not None:
                h = h + self.dct_in(self.dct(x, qf))
            for blk in level:
                h = blk(h, e)
            if i < len(self.down):
                skips.append(h)
                h = self.down[i](F.pixel_unshuffle(h, 2))
        return h, skips

    def decode(self, h: torch.Tensor, skips, e: torch.Tensor) -> torch.Tensor:
        for i in range(len(self.up) - 1, -1, -1):
            h = F.pixel_shuffle(self.up[i](h), 2) + skips[i]
            for blk in self.dec[i]:
                h = blk(h, e)
        r = self.tail(h)
        return F.pixel_shuffle(r, self.unshuffle) if self.unshuffle > 1 else r

    def forward(self, x: torch.Tensor, qf: torch.Tensor) -> torch.Tensor:
        e = self.embed(qf if self.qf_cond else torch.full_like(qf, 0.5))
        h, skips = self.features(x, e, qf)
        r = self.decode(h, skips, e)
        base = x[:, self.skip_from:self.skip_from + self.out_ch]
        return base + r


class BlindUNet(nn.Module):
    """FBCNN-style blind restorer: a BlockUNet restorer conditioned on a QF, and a QF predictor on
    the restorer's own block-level features (computed under a mid-range QF embedding). forward(x,
    qf) returns (restored under qf, predicted QF) for qf >= 0 (training: the true or dominant QF
    conditions the restorer while the head learns to predict it) and (x unchanged, predicted QF)
    when every qf < 0: the predict-only call, after which a caller pools one QF over the whole
    image and restores every tile under it (never a QF per tile)."""

    def __init__(self, in_ch: int = 1, out_ch: int = 1, widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4), emb: int = 64,
                 own_encoder: bool = False):
        super().__init__()
        self.net = BlockUNet(in_ch, out_ch, widths, blocks, emb)
        # own_encoder: the predictor reads a copy of the restorer's encoder (train.py starts it from the
        # restorer's) that trains with the head while the restorer stays a luma model (--head-only);
        # the predict-only call costs the same, the file holds one more encoder
        self.qnet = BlockUNet(in_ch, out_ch, widths, blocks, emb, encoder_only=True) if own_encoder else None
        c = widths[-1]
        self.qf_head = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.ReLU(inplace=True),
                                     nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, 64),
                                     nn.ReLU(inplace=True), nn.Linear(64, 1), nn.Sigmoid())

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Predicted QF / 100, [N, 1]."""
        enc = self.net if self.qnet is None else self.qnet
        e0 = enc.embed(torch.full_like(x[:, :1, 0, 0], 0.5))
        h, _ = enc.features(x, e0)
        return self.qf_head(h)

    def forward(self, x: torch.Tensor, qf: torch.Tensor):
        pred = self.predict(x)
        if bool((qf < 0).all()):
            return x, pred
        return self.net(x, qf), pred


class BlindPredictor(nn.Module):
    """The predict-only half of a BlindUNet, for export."""

    def __init__(self, b: BlindUNet):
        super().__init__()
        self.b = b

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.b.predict(x)


class ChromaUNet(nn.Module):
    """Color restorer: JFIF [Y', Cb, Cr] in (Y' the restored luma, Cb/Cr as decoded, upsampled to
    full resolution), [Cb', Cr'] out. Works at half resolution, where 4:2:0 chroma lives: the three
    planes are pixel-unshuffled by 2 (12 channels, so the first layer sees luma and both chroma
    planes together, as in Zini et al.), a BlockUNet restores the 8 unshuffled chroma channels
    residually, and pixel-shuffle brings them back. Its three further 2x unshuffles put one feature
    vector on each 16x16 area: one 8x8 chroma block of a 4:2:0 file. QF = the chroma table's QF."""

    def __init__(self, in_ch: int = 3, out_ch: int = 2, widths=(32, 64, 96, 128), blocks=(1, 1, 1, 4), emb: int = 64):
        super().__init__()
        if in_ch != 3 or out_ch != 2:
            raise ValueError("ChromaUNet maps [Y, Cb, Cr] to [Cb, Cr]")
        self.in_ch, self.out_ch = in_ch, out_ch
        self.net = BlockUNet(4 * in_ch, 4 * out_ch, widths, blocks, emb, skip_from=4)

    def forward(self, x: torch.Tensor, qf: torch.Tensor) -> torch.Tensor:
        return F.pixel_shuffle(self.net(F.pixel_unshuffle(x, 2), qf), 2)


# --- Zini et al. RRDB autoencoder (high-quality configuration) ---

class DenseBlock(nn.Module):
    def __init__(self, ch: int = 64, gc: int = 32):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(ch + i * gc, gc if i < 4 else ch, 3, padding=1) for i in range(5)])

    def forward(self, x):
        feats = [x]
        for i, c in enumerate(self.convs):
            y = c(torch.cat(feats, 1))
            if i < 4:
                y = F.leaky_relu(y, 0.2)
                feats.append(y)
        return x + 0.2 * y


class RRDB(nn.Module):
    def __init__(self, ch: int = 64):
        super().__init__()
        self.b = nn.Sequential(DenseBlock(ch), DenseBlock(ch), DenseBlock(ch))

    def forward(self, x):
        return x + 0.2 * self.b(x)


class RRDBNet(nn.Module):
    """conv 3x3/64, conv 5x5/128 (stride 2), conv 3x3/64, B RRDBs (64 filters, residual
    scaling 0.2), mirrored decoder, no batch norm; QF enters as an extra constant input plane."""

    def __init__(self, in_ch: int = 1, out_ch: int = 1, n_rrdb: int = 5):
        super().__init__()
        self.in_ch, self.out_ch = in_ch, out_ch
        self.e1 = nn.Conv2d(in_ch + 1, 64, 3, padding=1)
        self.e2 = nn.Conv2d(64, 128, 5, stride=2, padding=2)
        self.e3 = nn.Conv2d(128, 64, 3, padding=1)
        self.body = nn.Sequential(*[RRDB(64) for _ in range(n_rrdb)])
        self.d3 = nn.Conv2d(64, 128, 3, padding=1)
        self.d2 = nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1)
        self.d1 = nn.Conv2d(64, out_ch, 3, padding=1)

    def forward(self, x: torch.Tensor, qf: torch.Tensor) -> torch.Tensor:
        q = qf[:, :, None, None].expand(x.shape[0], 1, x.shape[2], x.shape[3])
        h1 = F.leaky_relu(self.e1(torch.cat([x, q], 1)), 0.2)
        h2 = F.leaky_relu(self.e2(h1), 0.2)
        h3 = F.leaky_relu(self.e3(h2), 0.2)
        h = h3 + self.body(h3)
        h = F.leaky_relu(self.d3(h), 0.2)
        h = F.leaky_relu(self.d2(h), 0.2) + h1
        return x[:, :self.out_ch] + self.d1(h)


ARCHS = {
    # name: (constructor, kwargs)
    "blockunet-xs": (BlockUNet, dict(widths=(4, 8, 8, 16), blocks=(1, 1, 1, 1), emb=8)),  # test fixtures
    "blockunet-s": (BlockUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4))),
    "blockunet-m": (BlockUNet, dict(widths=(24, 48, 96, 192), blocks=(1, 1, 2, 6))),
    # blockunet-s with two more residual blocks at the block level (+19% FLOPs), grown from a trained
    # blockunet-s (train.py --init with grown_state): does capacity at 1/64 of the pixels lift luma?
    "blockunet-s6": (BlockUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 6))),
    # luma-hq: 9.9 M parameters, 0.76 MFLOP/px (7.7x blockunet-s), sized for a GPU window whose
    # fp16 weights (20 MB) still travel back and forth with the device tool
    "blockunet-l": (BlockUNet, dict(widths=(32, 64, 128, 256), blocks=(2, 2, 3, 6))),
    "rrdb": (RRDBNet, dict(n_rrdb=5)),
    # blockunet-s without its full-resolution level: the image's 2x2 phases in and out, 80% of the
    # FLOPs and 1.2-1.4x the speed in Java on a CPU (BENCHMARKS.md); starts from a trained
    # blockunet-s's lower levels (levels_state)
    "blockunet-su": (BlockUNet, dict(widths=(32, 64, 128), blocks=(1, 1, 4), unshuffle=2)),
    "blockunet-xsu": (BlockUNet, dict(widths=(8, 8, 16), blocks=(1, 1, 1), emb=8, unshuffle=2)),  # test fixtures
    # equal-budget ablations of blockunet-s (BENCHMARKS.md "Architecture ablation"), not shipped
    "ablate-noqf": (BlockUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4), qf_cond=False)),
    "ablate-dct": (BlockUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4), dct_input=True)),
    "ablate-plain": (BlockUNet, dict(widths=(24,), blocks=(5,))),  # one scale, 0.105 MFLOP/px, 25 px field
    "chroma-xs": (ChromaUNet, dict(widths=(4, 8, 8, 16), blocks=(1, 1, 1, 1), emb=8)),  # test fixtures
    "chroma-s": (ChromaUNet, dict(widths=(32, 64, 96, 128), blocks=(1, 1, 1, 4))),
    "blind-xs": (BlindUNet, dict(widths=(4, 8, 8, 16), blocks=(1, 1, 1, 1), emb=8)),  # test fixtures
    "blind-s": (BlindUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4))),
    # the predictor on its own copy of the encoder: the restorer stays the luma model it starts from
    "blind-s2": (BlindUNet, dict(widths=(16, 32, 64, 128), blocks=(1, 1, 1, 4), own_encoder=True)),
    "blind-xs2": (BlindUNet, dict(widths=(4, 8, 8, 16), blocks=(1, 1, 1, 1), emb=8, own_encoder=True)),  # test fixtures
}

# the luma architecture whose weights a blind model's restorer can start from (train.py --init)
LUMA_OF_BLIND = {"blind-xs": "blockunet-xs", "blind-s": "blockunet-s", "blind-xs2": "blockunet-xs",
                 "blind-s2": "blockunet-s"}

TASK_CHANNELS = {"luma": (1, 1, 0), "color": (3, 2, 1), "blind": (1, 1, 0)}


def build(arch: str, task: str) -> nn.Module:
    ctor, kw = ARCHS[arch]
    in_ch, out_ch, skip_from = TASK_CHANNELS[task]
    kw = dict(kw)
    if ctor is BlockUNet:
        kw["skip_from"] = skip_from
    return ctor(in_ch=in_ch, out_ch=out_ch, **kw)


def grown_state(state: dict, model: nn.Module) -> dict:
    """``state`` of a BlockUNet with fewer residual blocks per level, as a state dict of ``model``
    (same widths, more blocks): every tensor of ``state`` keeps its place, and each block ``state``
    lacks starts as the identity (its second convolution zero, FiLM zero as always), so the grown
    network computes exactly what ``state`` computed and training continues from there."""
    target = model.state_dict()
    wrong = [k for k, v in state.items() if k not in target or target[k].shape != v.shape]
    if wrong:
        raise ValueError(f"not a smaller BlockUNet of the same widths: {wrong[:3]}")
    new = {k: state.get(k, v) for k, v in target.items()}
    for k in target:
        if k not in state:
            parts = k.split(".")  # [net.] enc|dec . level . block . c1|c2|film . weight|bias
            if parts[0] == "net":
                parts = parts[1:]
            if parts[0] not in ("enc", "dec") or parts[3] not in ("c1", "c2", "film"):
                raise ValueError(f"{k} is not in a residual block: not a grown BlockUNet")
            if parts[3] != "c1":
                new[k] = torch.zeros_like(target[k])
    return new


def levels_state(state: dict, model: nn.Module) -> dict:
    """``state`` of a BlockUNet at full resolution as a state dict of ``model``, the same network
    on 2x2 pixel phases (``unshuffle=2``) whose levels are ``state``'s levels 1, 2, ...: those
    levels keep their weights, the full-resolution level is dropped, and ``model``'s own head and
    tail (new shapes; the tail starts at zero, so step 0 returns the input) take its place."""
    target = model.state_dict()
    new = {}
    for k, v in state.items():
        parts = k.split(".")
        if parts[0] in ("enc", "dec", "down", "up"):
            if parts[1] == "0":
                continue
            k = ".".join([parts[0], str(int(parts[1]) - 1)] + parts[2:])
        elif parts[0] in ("head", "tail"):
            continue
        if k not in target or target[k].shape != v.shape:
            raise ValueError(f"{k}: not the levels of this network")
        new[k] = v
    return {k: new.get(k, v) for k, v in target.items()}


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def predictor_params(b: "BlindUNet") -> int:
    """The parameters a blind model's QF prediction reads (what a predictor-only export holds): its
    own encoder, or the restorer's encoder it shares, and the head; found by a backward pass."""
    b = copy.deepcopy(b).float()
    for p in b.parameters():
        p.grad = None
    b.predict(torch.rand(1, 1, 32, 32)).sum().backward()
    return sum(p.numel() for p in b.parameters() if p.grad is not None)


def flops_per_pixel(m: nn.Module, task: str = "luma", size: int = 128) -> float:
    """Multiply-adds x 2 per input pixel, counted with forward hooks on conv and linear layers."""
    total = [0]

    def conv_hook(mod, inp, out):
        k = mod.weight[0].numel()  # in_ch/groups * kh * kw
        total[0] += 2 * k * out.numel()

    def lin_hook(mod, inp, out):
        total[0] += 2 * mod.weight.numel() * (out.numel() // out.shape[-1])

    hooks = []
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.ConvTranspose2d)):
            if isinstance(mod, nn.ConvTranspose2d):
                hooks.append(mod.register_forward_hook(
                    lambda mm, i, o: total.__setitem__(0, total[0] + 2 * mm.weight.numel() * i[0].shape[2] * i[0].shape[3] * i[0].shape[0])))
            else:
                hooks.append(mod.register_forward_hook(conv_hook))
        elif isinstance(mod, nn.Linear):
            hooks.append(mod.register_forward_hook(lin_hook))
    in_ch = TASK_CHANNELS[task][0]
    with torch.no_grad():
        m.eval()
        m(torch.rand(1, in_ch, size, size), torch.full((1, 1), 0.5))
    for h in hooks:
        h.remove()
    return total[0] / float(size * size)
