#!/usr/bin/env python3
"""Composes the README pictures the macro cannot (montage, enlargements). Run after figures.ijm."""
import os
import numpy as np
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
demo = os.path.join(here, "..", "demo-output")


def tiff_pages(path):
    im = Image.open(path)
    pages = []
    for i in range(getattr(im, "n_frames", 1)):
        im.seek(i)
        pages.append(np.array(im, dtype=np.float64))
    return pages


# 64 frequency bands as an 8x8 montage (zig-zag order, each band scaled by its own max |value|)
bands = tiff_pages(os.path.join(demo, "dct-bands.tif"))
h, w = bands[0].shape
tile = np.full((8 * (h + 2), 8 * (w + 2)), 255, np.uint8)
for k, b in enumerate(bands):
    m = np.abs(b).max() or 1.0
    v = np.clip(128 + 127 * b / m, 0, 255).astype(np.uint8)
    r, c = divmod(k, 8)
    tile[r * (h + 2):r * (h + 2) + h, c * (w + 2):c * (w + 2) + w] = v
Image.fromarray(tile).resize((tile.shape[1] * 2, tile.shape[0] * 2), Image.NEAREST).save(os.path.join(here, "dct-bands.png"))

# JPEG / restored / original, 2x crops
crops = [Image.open(os.path.join(demo, f)).convert("L").crop((64, 64, 192, 192)).resize((256, 256), Image.NEAREST)
         for f in ("sample-qf20.jpg", "sample-qf20-luma.png", "sample-original.png")]
out = Image.new("L", (3 * 256 + 16, 256), 255)
for i, c in enumerate(crops):
    out.paste(c, (i * 264, 0))
out.save(os.path.join(here, "demo-jpeg-restored-original.png"))

# the JPEG file's luma quantization table as an image (8x8, enlarged, with its values)
from PIL import ImageDraw
t = tiff_pages(os.path.join(demo, "quantization-tables.tif"))[0]
cell = 40
img = Image.new("L", (8 * cell, 8 * cell), 255)
d = ImageDraw.Draw(img)
for r in range(8):
    for c in range(8):
        v = int(t[r, c])
        g = int(255 - 200 * v / max(1, t.max()))
        d.rectangle([c * cell, r * cell, (c + 1) * cell - 1, (r + 1) * cell - 1], fill=g)
        d.text((c * cell + 8, r * cell + 14), str(v), fill=0 if g > 128 else 255)
img.save(os.path.join(here, "quantization-table.png"))

# colour: JPEG / luma only / luma + color / original, 2x crops of the bundled RGB sample at QF 20
# (a nucleus edge and red puncta on green mitochondria, where 4:2:0 chroma bleeds)
names = ("sample-color-qf20.jpg", "sample-color-qf20-luma.png", "sample-color-qf20-color.png", "sample-color-original.png")
if all(os.path.exists(os.path.join(demo, f)) for f in names):
    box = (120, 0, 248, 128)
    crops = [Image.open(os.path.join(demo, f)).convert("RGB").crop(box).resize((256, 256), Image.NEAREST) for f in names]
    out = Image.new("RGB", (4 * 256 + 24, 256), (255, 255, 255))
    for i, c in enumerate(crops):
        out.paste(c, (i * 264, 0))
    out.save(os.path.join(here, "demo-color.png"))
