"""training/export.py: the weights of every shipped file can be recovered for a further run
(train.py --init / --teacher), whatever its storage (frozen, fp16), memory format or graph (a blind
export's weights sit in the two branches of an if)."""
import json
import os

import pytest
import torch

import export
import models

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models")


@pytest.mark.parametrize("name", ["luma", "luma-hq", "color", "blind"])
def test_recovered_weights_give_the_files_output(name):
    card = json.load(open(os.path.join(MODELS, name + ".json")))
    path = os.path.join(MODELS, card["file"])
    net = models.build(card["architecture"], card["task"]).eval()
    net.load_state_dict(export.state_from_torchscript(path, card["architecture"], card["task"]))
    stored = torch.jit.load(path, map_location="cpu").eval()
    x = torch.rand(1, models.TASK_CHANNELS[card["task"]][0], 64, 96, generator=torch.Generator().manual_seed(1))
    q = torch.full((1, 1), 0.3)
    with torch.no_grad():
        ours, theirs = net(x, q), stored(x, q)
        if card["task"] == "blind":  # (restored, qf) under a given QF; the predicted QF under a negative one
            assert abs(float(net(x, -q)[1]) - float(stored(x, -q)[1])) < 1e-5
            ours, theirs = ours[0], theirs[0]
    assert (ours - theirs).abs().max() < 1e-5
