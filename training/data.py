"""Training data: clean 8-bit images from ../shared/data/train, random aligned crops, flips and
90-degree rotations, JPEG-compressed on the fly with libjpeg (through Pillow) at a random IJG QF.

Sources (luma): train/gray (Train400), train/natural (converted to JFIF Y) and train/microscopy
(every channel / plane a gray image, scaled to 8 bit as a user's export would do: the
0.1th..99.9th percentile of the plane mapped linearly to 0..255, clipped; 8-bit data kept as it
is; palette images read as their index). Color: train/color decoded once with Pillow (libjpeg)
plus the RGB images of train/natural.

QF distribution (``--qf-dist``): "mix" (default) draws with probability 1/2 uniformly from
5..40 and otherwise uniformly from 5..95, so that low qualities (where artifacts are strongest)
get about 60% of the samples while every QF up to 95 is seen; "uniform" draws uniformly from
``qf_min..qf_max``.
"""
import hashlib
import io
import os
import random

import numpy as np
from PIL import Image

IMAGE_EXT = (".png", ".bmp", ".jpg", ".jpeg", ".tif", ".tiff")


def rgb_to_y(rgb: np.ndarray) -> np.ndarray:
    """JFIF full-range Y of an 8-bit RGB array, rounded to 8 bits."""
    r, g, b = [rgb[..., i].astype(np.float64) for i in range(3)]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    return np.clip(np.round(y), 0, 255).astype(np.uint8)


def rgb_to_ycbcr(rgb: np.ndarray) -> np.ndarray:
    rgb = rgb.astype(np.float64)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
    return np.stack([y, cb, cr], -1)


def to_uint8(plane: np.ndarray) -> np.ndarray:
    """Scale one plane to 8 bit: 8-bit data unchanged, anything else by its 0.1/99.9 percentiles."""
    if plane.dtype == np.uint8:
        return plane
    p = plane.astype(np.float64)
    lo, hi = np.percentile(p, [0.1, 99.9])
    if hi <= lo:
        hi = lo + 1.0
    return np.clip(np.round((p - lo) / (hi - lo) * 255.0), 0, 255).astype(np.uint8)


def read_planes(path: str):
    """All 2D gray planes (uint8) of a microscopy or natural image file."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".tif", ".tiff"):
        import tifffile
        arr = tifffile.imread(path)
    else:
        im = Image.open(path)
        if im.mode == "P":
            arr = np.array(im)  # palette index is the intensity
        elif im.mode in ("RGB", "RGBA"):
            arr = np.array(im.convert("RGB"))
            return [rgb_to_y(arr)]
        else:
            arr = np.array(im)
    arr = np.asarray(arr)
    if arr.ndim == 2:
        return [to_uint8(arr)]
    if arr.ndim == 3 and arr.shape[-1] in (3, 4) and arr.dtype == np.uint8:
        return [rgb_to_y(arr[..., :3])]
    # stacks and channel axes: every 2D plane on its own
    if arr.shape[-1] <= 4 and arr.ndim >= 3:
        arr = np.moveaxis(arr, -1, 0)
    planes = arr.reshape((-1,) + arr.shape[-2:])
    return [to_uint8(p) for p in planes]


def list_images(folder: str):
    out = []
    for root, _, files in os.walk(folder):
        for f in sorted(files):
            if f.lower().endswith(IMAGE_EXT):
                out.append(os.path.join(root, f))
    return sorted(out)


#: Sources of which a fixed fifth of the files is kept out of training, for validation.
HELD_OUT_SOURCES = ("microscopy",)
# a file in a source folder written by pack.py: its held-out files were left out when it was packed
PACKED_MARKER = "PACKED_WITHOUT_HELD_OUT"


def held_out(path: str, source_dir: str) -> bool:
    """True for the files of train/microscopy that no training sees: one in five, chosen by a
    stable hash (SHA-1) of the path below that folder, so the split is the same on every machine.
    They are the "microscopy" validation set of evaluate.py."""
    rel = os.path.relpath(path, source_dir).replace(os.sep, "/")
    return int(hashlib.sha1(rel.encode("utf-8")).hexdigest(), 16) % 5 == 0


def training_files(train_dir: str, src: str):
    """The image files of train/SRC that training may use (the held-out fifth removed)."""
    d = os.path.join(train_dir, src)
    files = list_images(d)
    if src not in HELD_OUT_SOURCES or os.path.exists(os.path.join(d, PACKED_MARKER)):
        return files
    return [p for p in files if not held_out(p, d)]


def held_out_images(train_dir: str, side: int = 512, per_file: int = 3):
    """The microscopy validation set: the held-out files of train/microscopy as gray planes (as
    training reads them), at most ``per_file`` evenly spaced planes of a stack, each cropped to
    its central ``side`` x ``side`` (8-aligned) so that every file weighs about the same."""
    d = os.path.join(train_dir, "microscopy")
    out = []
    for p in list_images(d):
        if not held_out(p, d):
            continue
        planes = [pl for pl in read_planes(p) if min(pl.shape) >= 64 and pl.std() > 1.0]
        if len(planes) > per_file:
            planes = [planes[round(i * (len(planes) - 1) / (per_file - 1))] for i in range(per_file)]
        for pl in planes:
            h, w = min(side, pl.shape[0]) // 8 * 8, min(side, pl.shape[1]) // 8 * 8
            y, x = (pl.shape[0] - h) // 2, (pl.shape[1] - w) // 2
            out.append(np.ascontiguousarray(pl[y:y + h, x:x + w]))
    return out


def load_gray_pool(train_dir: str, min_size: int = 64, sources=("gray", "natural", "microscopy")):
    """{source: [uint8 2D arrays]} for luma training."""
    pool = {}
    for src in sources:
        d = os.path.join(train_dir, src)
        if not os.path.isdir(d):
            continue
        planes = []
        for p in training_files(train_dir, src):
            try:
                for pl in read_planes(p):
                    if min(pl.shape) >= min_size and pl.std() > 1.0:
                        planes.append(np.ascontiguousarray(pl))
            except Exception as ex:  # a broken file must not stop training
                print(f"skip {p}: {ex}", flush=True)
        if planes:
            pool[src] = planes
    return pool


def ycbcr_to_rgb(ycc: np.ndarray) -> np.ndarray:
    """Inverse of rgb_to_ycbcr (float in, float out, not rounded)."""
    y, cb, cr = ycc[..., 0], ycc[..., 1] - 128, ycc[..., 2] - 128
    return np.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], -1)


def composite(channels) -> np.ndarray:
    """An RGB composite of up to three fluorescence channels as Fiji shows and exports one: each
    channel scaled to 8 bit on its own (percentiles, see to_uint8), channel 1 red, 2 green, 3 blue."""
    out = np.zeros(channels[0].shape + (3,), np.uint8)
    for i, c in enumerate(channels[:3]):
        out[..., i] = to_uint8(c)
    return out


def read_rgb(path: str):
    """An 8-bit RGB image of a file, or None when it has no colour: RGB files as they are (16-bit
    RGB scaled per channel), and for microscopy files named xyc_* or holding a channel axis of 2-3
    (before the plane) an RGB composite of their channels."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".tif", ".tiff"):
        import tifffile
        a = np.asarray(tifffile.imread(path))
    else:
        im = Image.open(path)
        if im.mode not in ("RGB", "RGBA"):
            return None
        return np.array(im.convert("RGB"))
    if a.ndim == 3 and a.shape[-1] in (3, 4):
        return a[..., :3] if a.dtype == np.uint8 else composite([a[..., i] for i in range(3)])
    name = os.path.basename(path).lower()
    if a.ndim == 3 and a.shape[0] in (2, 3) and (name.startswith("xyc") or "bbbc022" in path.lower()):
        return composite(list(a))
    return None


def load_color_pool(train_dir: str, min_size: int = 64, sources=("color", "natural", "microscopy")):
    """{source: [uint8 HxWx3 arrays]} for color training: train/color decoded once (Pillow's
    libjpeg), the RGB images of train/natural, and the RGB images and channel composites of
    train/microscopy (read_rgb)."""
    pool = {}
    for src in sources:
        d = os.path.join(train_dir, src)
        if not os.path.isdir(d):
            continue
        ims = []
        for p in training_files(train_dir, src):
            try:
                a = read_rgb(p)
            except Exception as ex:  # a broken file must not stop training
                print(f"skip {p}: {ex}", flush=True)
                continue
            if a is not None and min(a.shape[:2]) >= min_size and a.std() > 1.0:
                ims.append(np.ascontiguousarray(a))
        if ims:
            pool[src] = ims
    return pool


def jpeg(arr: np.ndarray, qf: int, subsampling: int = 2) -> np.ndarray:
    """Compress and decompress with libjpeg through Pillow at IJG quality qf.
    Gray for 2D arrays; RGB with 4:2:0 (subsampling=2) or 4:4:4 (0)."""
    im = Image.fromarray(arr)
    buf = io.BytesIO()
    if arr.ndim == 2:
        im.save(buf, format="JPEG", quality=int(qf))
    else:
        im.save(buf, format="JPEG", quality=int(qf), subsampling=subsampling)
    buf.seek(0)
    return np.array(Image.open(buf))


def double_jpeg(arr: np.ndarray, qf1: int, qf2: int, dx: int, dy: int, subsampling: int = 2) -> np.ndarray:
    """FBCNN's degradation: QF1, drop the first dy rows and dx columns, then QF2."""
    a = jpeg(arr, qf1, subsampling)[dy:, dx:]
    return jpeg(np.ascontiguousarray(a), qf2, subsampling)


def draw_qf(rng: random.Random, dist: str = "mix", lo: int = 5, hi: int = 95) -> int:
    if dist == "mix":
        return rng.randint(5, 40) if rng.random() < 0.5 else rng.randint(lo, hi)
    return rng.randint(lo, hi)


def augment(a: np.ndarray, rng: random.Random) -> np.ndarray:
    k = rng.randint(0, 3)
    a = np.rot90(a, k, axes=(0, 1))
    if rng.random() < 0.5:
        a = a[:, ::-1]
    return np.ascontiguousarray(a)


# A first compression counts as the dominant one when its QF is at least this much below the last
# one's (QfEstimator.MIN_GAP in the Java pipeline).
DOMINANT_GAP = 5


class PatchSampler:
    """Draws (degraded, clean, qf) patch batches. Crops are cut from the clean image first and then
    compressed, so the 8x8 grid starts at the patch's (0,0) as in a real file."""

    def __init__(self, pool, patch: int = 96, seed: int = 0, qf_dist: str = "mix", qf_min: int = 5,
                 qf_max: int = 95, double_prob: float = 0.0, weights=None, color: bool = False,
                 p444: float = 0.2, align_dominant: bool = False, grid_jitter: bool = False):
        self.pool, self.patch, self.color = pool, patch, color
        self.grid_jitter = grid_jitter
        self.p444 = p444
        self.sources = sorted(pool)
        self.weights = [(weights or {}).get(s, 1.0) for s in self.sources]
        self.rng = random.Random(seed)
        self.qf_dist, self.qf_min, self.qf_max = qf_dist, qf_min, qf_max
        self.double_prob = double_prob
        self.align_dominant = align_dominant

    def shares(self):
        """{source: share of the patches}: a source is drawn by its weight, then an image of it, so
        the weights are relative to the sources present and adding a source lowers every other
        one's share."""
        total = sum(self.weights)
        return {s: w / total for s, w in zip(self.sources, self.weights)}

    def _crop(self):
        rng = self.rng
        src = rng.choices(self.sources, self.weights)[0]
        img = rng.choice(self.pool[src])
        p = self.patch + 8  # room for a double-JPEG shift
        h, w = img.shape[:2]
        if h < p or w < p:
            pad = [(0, max(0, p - h)), (0, max(0, p - w))] + ([(0, 0)] if img.ndim == 3 else [])
            img = np.pad(img, pad, mode="reflect")
            h, w = img.shape[:2]
        y, x = rng.randint(0, h - p), rng.randint(0, w - p)
        return augment(img[y:y + p, x:x + p], rng)

    def sample(self, batch: int):
        rng = self.rng
        xs, ys, qs = [], [], []
        P = self.patch
        for _ in range(batch):
            clean = self._crop()
            qf = draw_qf(rng, self.qf_dist, self.qf_min, self.qf_max)
            sub = 0 if self.color and rng.random() < self.p444 else 2
            cond = qf
            if rng.random() < self.double_prob:
                dx, dy = rng.randint(0, 7), rng.randint(0, 7)
                qf1 = draw_qf(rng, self.qf_dist, self.qf_min, self.qf_max)
                deg = double_jpeg(clean, qf1, qf, dx, dy, sub)
                # align_dominant: when the first compression is the stronger one (by DOMINANT_GAP, as
                # the Java pipeline's grid scan decides), the patch starts on ITS grid, the way the
                # pipeline restores such an image on the dominant compression's grid
                ox = oy = 0
                if self.align_dominant and qf1 <= qf - DOMINANT_GAP:
                    ox, oy = (8 - dx) % 8, (8 - dy) % 8
                deg = deg[oy:oy + P, ox:ox + P]
                clean = clean[dy + oy:dy + oy + P, dx + ox:dx + ox + P]
                # the dominant degradation of a double JPEG is the stronger one (FBCNN-D's dominant QF)
                cond = min(qf1, qf)
            elif self.grid_jitter:
                # ablation: the patch starts anywhere on the 8x8 grid, so the network cannot know
                # where block boundaries lie (as for a restorer that ignores the grid)
                ox, oy = rng.randint(0, 7), rng.randint(0, 7)
                deg = jpeg(np.ascontiguousarray(clean), qf, sub)[oy:oy + P, ox:ox + P]
                clean = clean[oy:oy + P, ox:ox + P]
            else:
                clean = clean[:P, :P]
                deg = jpeg(np.ascontiguousarray(clean), qf, sub)
            if self.color:  # the restorers work in JFIF YCbCr
                deg, clean = rgb_to_ycbcr(deg), rgb_to_ycbcr(clean)
            xs.append(deg)
            ys.append(clean)
            qs.append(cond)
        x = np.stack(xs).astype(np.float32) / 255.0
        y = np.stack(ys).astype(np.float32) / 255.0
        if x.ndim == 3:
            x, y = x[:, None], y[:, None]
        else:
            x, y = x.transpose(0, 3, 1, 2), y.transpose(0, 3, 1, 2)
        return x, y, np.array(qs, dtype=np.float32)[:, None] / 100.0


def batch_stream(sampler, batch: int, workers: int = 0, seed: int = 0):
    """An endless iterator of sampler batches. With ``workers`` > 0 they are drawn in that many
    processes (torch DataLoader), each with its own stream seeded from ``seed`` and its worker id,
    so a GPU is not left waiting on JPEG encoding in the training loop."""
    if workers <= 0:
        while True:
            yield sampler.sample(batch)
    import torch.utils.data as tud

    class Batches(tud.IterableDataset):
        def __iter__(self):
            info = tud.get_worker_info()
            sampler.rng = random.Random(seed * 7919 + (info.id if info else 0) + 1)
            while True:
                yield sampler.sample(batch)

    loader = tud.DataLoader(Batches(), batch_size=None, num_workers=workers, pin_memory=True,
                            prefetch_factor=4, persistent_workers=True)
    yield from loader
