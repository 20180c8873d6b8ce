#!/usr/bin/env python3
"""Exact rewrites of the shipped luma network's graph for fp32 CPU speed (issue 25), written as
TorchScript files with cards so that `bin/jpeg-restore throughput --model DIR/luma-V.json` measures
them through DJL (BENCHMARKS.md, "CPUs without bf16"). Not shipped: +5-8% (see there).

  V = orig   the shipped network re-traced (control)
      film   each FiLM block's relu(c1 x) * s + b, then c2, as max(c1'(x), sign(s) b) into c2'
             (c1' = c1 scaled by |s| with bias |s| c1.b + sign(s) b, c2' = c2 times sign(s) per input
             channel): one elementwise pass instead of three; per sample as a grouped convolution
      films  film, and each pixel_unshuffle + 1x1 down convolution as one 2x2 stride-2 convolution

  /usr/bin/python3 bench/cpu_rewrites.py --out /tmp/rewrites
"""
import argparse
import hashlib
import json
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "training"))
import export  # noqa: E402
import models  # noqa: E402


def film_max(blk, h, e):
    """x + c2(relu(c1 x) * s + b) with s = 1 + g, computed as x + c2'(max(c1'(x), sign(s) b))."""
    n, c = h.shape[0], blk.c1.out_channels
    g, b = blk.film(e).chunk(2, dim=1)
    s = 1.0 + g
    sig = torch.where(s < 0, -torch.ones_like(s), torch.ones_like(s))
    a = s * sig
    w1 = (blk.c1.weight[None] * a[:, :, None, None, None]).reshape(n * c, -1, 3, 3)
    b1 = (blk.c1.bias[None] * a + sig * b).reshape(-1)
    w2 = (blk.c2.weight[None] * sig[:, None, :, None, None]).reshape(n * c, -1, 3, 3)
    b2 = blk.c2.bias[None].expand(n, -1).reshape(-1)
    hh = h.reshape(1, n * h.shape[1], h.shape[2], h.shape[3])
    u = torch.maximum(F.conv2d(hh, w1, b1, padding=1, groups=n), (sig * b).reshape(1, -1, 1, 1))
    return h + F.conv2d(u, w2, b2, padding=1, groups=n).reshape(h.shape)


class Rewritten(torch.nn.Module):
    def __init__(self, net, film, strided):
        super().__init__()
        self.n, self.film, self.strided = net, film, strided
        self.downw = torch.nn.ParameterList(
            [torch.nn.Parameter(d.weight.reshape(d.weight.shape[0], -1, 2, 2).clone()) for d in net.down])

    def block(self, blk, h, e):
        return film_max(blk, h, e) if self.film else blk(h, e)

    def forward(self, x, qf):
        n = self.n
        e = n.embed(qf)
        h = n.head(x)
        skips = []
        for i, level in enumerate(n.enc):
            for blk in level:
                h = self.block(blk, h, e)
            if i < len(n.down):
                skips.append(h)
                if self.strided:  # pixel_unshuffle's channel order c*4 + dy*2 + dx is a 2x2 kernel's
                    h = F.conv2d(h, self.downw[i], n.down[i].bias, stride=2)
                else:
                    h = n.down[i](F.pixel_unshuffle(h, 2))
        for i in range(len(n.up) - 1, -1, -1):
            h = F.pixel_shuffle(n.up[i](h), 2) + skips[i]
            for blk in n.dec[i]:
                h = self.block(blk, h, e)
        return x + n.tail(h)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", default=os.path.join(HERE, "..", "models", "luma.json"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    card = json.load(open(args.card))
    state = export.state_from_torchscript(os.path.join(os.path.dirname(args.card), card["file"]), card["architecture"], "luma")
    net = models.build(card["architecture"], "luma")
    net.load_state_dict(state)
    net.eval()
    os.makedirs(args.out, exist_ok=True)
    x, q = torch.rand(2, 1, 200, 248), torch.tensor([[0.2], [0.7]])
    with torch.no_grad():
        ref = net(x, q)
        for name, m in {"orig": net, "film": Rewritten(net, True, False), "films": Rewritten(net, True, True)}.items():
            ts = torch.jit.freeze(torch.jit.trace(export.ChannelsLast(m).eval(),
                                                  (torch.rand(1, 1, 64, 64), torch.tensor([[0.5]])), check_trace=False))
            diff = max(float((ts(x[i:i + 1], q[i:i + 1]) - ref[i:i + 1]).abs().max()) for i in range(2))
            f = os.path.join(args.out, f"luma-{name}.pt")
            ts.save(f)
            c = {k: v for k, v in card.items() if k not in ("variants", "trainable")}
            c.update(name=f"luma-{name}", file=os.path.basename(f), sha256=hashlib.sha256(open(f, "rb").read()).hexdigest())
            with open(os.path.join(args.out, f"luma-{name}.json"), "w") as fh:
                json.dump(c, fh, indent=1)
            print(f"{name}: {f}, largest difference from the network {diff:.2e}")


if __name__ == "__main__":
    torch.set_num_threads(2)
    main()
