#!/usr/bin/env python3
"""The trainable copy of a shipped model, which the suite's Fine-tune command trains in Java.

A shipped NAME.pt is frozen: its weights are constants, and no one can train it. This writes
NAME-train.pt beside it: the same network with the same weights (recovered from NAME.pt by
export.state_from_torchscript, so no training checkpoint is needed), traced without freezing, so
its weights are parameters that libtorch's autograd (DJL's GradientCollector) trains. The card
gets a "trainable" entry (file, sha256). The copy is checked to give NAME.pt's output.

  python3 training/trainable.py --card models/luma.json

--step-fixture DIR also writes what the Java test of one training step compares with (a fixed
batch, the L1 loss, and the output after one Adam step): src/test/resources/models/tiny-step-*.npy.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
import models  # noqa: E402

TASKS = ("luma", "color")  # what Fine-tune trains
HOW = "traced, not frozen: the weights are parameters (the Fine-tune command trains this file)"


def build(card_path):
    card = json.load(open(card_path))
    if card["task"] not in TASKS:
        raise SystemExit(f"{card_path}: Fine-tune trains {' and '.join(TASKS)} models, not {card['task']}")
    weights = os.path.join(os.path.dirname(card_path), card["file"])
    state = export.state_from_torchscript(weights, card["architecture"], card["task"])
    net = models.build(card["architecture"], card["task"])
    net.load_state_dict(state)
    in_ch = models.TASK_CHANNELS[card["task"]][0]
    ex = (torch.rand(1, in_ch, 64, 64), torch.full((1, 1), 0.5))
    traced = torch.jit.trace(export.Wrapped(net).train(), ex, check_trace=False)
    return card, weights, traced, in_ch


def check_same(weights, path, in_ch):
    frozen = torch.jit.load(weights, map_location="cpu").eval()
    mine = torch.jit.load(path, map_location="cpu")
    g = torch.Generator().manual_seed(5)
    x = torch.rand(2, in_ch, 80, 96, generator=g)
    q = torch.tensor([[0.1], [0.6]])
    with torch.no_grad():
        d = (frozen(x, q) - mine(x, q)).abs().max().item()
    if d > 1e-4:
        raise SystemExit(f"{path}: differs from {weights} by {d}")
    return d


def adam_step(module, x, y, q, lr):
    """One step as the Java trainer takes it: L1 loss, torch.optim.Adam (betas 0.9/0.999, eps 1e-8)."""
    params = list(module.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    loss = (module(x, q) - y).abs().mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    with torch.no_grad():
        after = module(x, q)
    return float(loss), after


def step_fixture(path, task, out_dir, name):
    module = torch.jit.load(path, map_location="cpu")
    g = torch.Generator().manual_seed(11)
    in_ch, out_ch = models.TASK_CHANNELS[task][:2]
    x = torch.rand(2, in_ch, 48, 48, generator=g)
    y = (x[:, :out_ch] * 0.9 + 0.05).contiguous()
    q = torch.tensor([[0.2], [0.5]])
    loss, after = adam_step(module, x, y, q, 1e-3)
    for k, v in (("input", x), ("target", y), ("qf", q), ("after", after), ("loss", torch.tensor([loss]))):
        np.save(os.path.join(out_dir, f"{name}-step-{k}.npy"), v.numpy().astype(np.float32))
    print(f"step fixture: loss {loss:.6f}, output change {float((after - module(x, q)).abs().max()):.2e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", required=True)
    ap.add_argument("--step-fixture", default=None, help="folder for the one-step fixture of the Java test")
    args = ap.parse_args()
    card, weights, traced, in_ch = build(args.card)
    base = os.path.splitext(card["file"])[0]
    out = os.path.join(os.path.dirname(args.card), base + "-train.pt")
    traced.save(out)
    d = check_same(weights, out, in_ch)
    sha = hashlib.sha256(open(out, "rb").read()).hexdigest()
    card["trainable"] = {"file": os.path.basename(out), "sha256": sha, "how": HOW}
    with open(args.card, "w") as f:
        json.dump(card, f, indent=1)
        f.write("\n")
    print(f"{out}: {os.path.getsize(out)} bytes, max difference to {os.path.basename(weights)} {d:.1e}")
    if args.step_fixture:
        step_fixture(out, card["task"], args.step_fixture, base)


if __name__ == "__main__":
    main()
