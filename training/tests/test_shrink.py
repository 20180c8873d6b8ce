"""training/shrink.py: a committed checkpoint names no path of the machine that trained it."""
import os

import shrink


def test_absolute_paths_become_relative_to_the_repository():
    args = {"data": os.path.join(shrink.ROOT, "training", "..", "..", "shared", "data"),
            "guide": os.path.join(shrink.ROOT, "models", "luma.pt"), "out": "runs/x", "lr": 3e-5, "init": None}
    got = shrink.portable(args)
    assert got == {"data": os.path.join("..", "shared", "data"), "guide": os.path.join("models", "luma.pt"),
                   "out": "runs/x", "lr": 3e-5, "init": None}
    assert not any(isinstance(v, str) and os.path.isabs(v) for v in got.values())
