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
    stored = torch.jit.load(path, map_location="cpu").eval()
    x = torch.rand(1, models.TASK_CHANNELS[card["task"]][0], 64, 96, generator=torch.Generator().manual_seed(1))
    q = torch.full((1, 1), 0.3)
    with torch.no_grad():
        if card.get("predictor_only"):  # the predictor's weights alone: its prediction
            net.load_state_dict(export.state_from_torchscript(path, card["architecture"], card["task"]), strict=False)
            assert abs(float(net(x, -q)[1]) - float(stored(x, -q)[1])) < 1e-5
            return
        net.load_state_dict(export.state_from_torchscript(path, card["architecture"], card["task"]))
        ours, theirs = net(x, q), stored(x, q)
        if card["task"] == "blind":  # (restored, qf) under a given QF; the predicted QF under a negative one
            assert abs(float(net(x, -q)[1]) - float(stored(x, -q)[1])) < 1e-5
            ours, theirs = ours[0], theirs[0]
    assert (ours - theirs).abs().max() < 1e-5


TINY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "models", "tiny.pt")


def test_a_predictor_only_export_predicts_and_refuses_to_restore(tmp_path):
    """export.py --predictor-only: the file holds the predictor of a blind model whose restorer is its
    guide luma model, predicts as the model does, refuses a QF to restore under, and is refused for
    a blind model with its own restorer."""
    import shutil
    shutil.copy(TINY, tmp_path / "luma.pt")
    blind = models.build("blind-xs2", "blind").eval()
    blind.net.load_state_dict(export.state_from_torchscript(TINY, "blockunet-xs", "luma"))
    ck = tmp_path / "blind.ckpt"
    torch.save({"model": blind.state_dict(), "arch": "blind-xs2", "task": "blind", "step": 0, "args": {"head_only": True}}, ck)
    export.main(["--checkpoint", str(ck), "--name", "b", "--out", str(tmp_path), "--predictor-only"])
    card = json.load(open(tmp_path / "b.json"))
    assert card["predictor_only"] and card["guide"] == "luma"
    predictor = sum(p.numel() for n, p in blind.named_parameters() if n.startswith(("qnet.", "qf_head.")))
    assert card["parameters"] == predictor < models.count_params(blind)
    stored = torch.jit.load(str(tmp_path / "b.pt")).eval()
    x = torch.rand(2, 1, 48, 64)
    with torch.no_grad():
        out, pred = stored(x, torch.full((2, 1), -1.0))
        assert torch.equal(out, x) and torch.allclose(pred, blind.predict(x), atol=1e-6)
        with pytest.raises(Exception, match="only predicts"):  # torch.jit.Error
            stored(x, torch.full((2, 1), 0.3))
    with torch.no_grad():  # another restorer: the file would drop it
        blind.net.tail.weight.add_(0.1) if hasattr(blind.net, "tail") else next(blind.net.parameters()).add_(0.1)
    torch.save({"model": blind.state_dict(), "arch": "blind-xs2", "task": "blind", "step": 0, "args": {}}, ck)
    with pytest.raises(SystemExit, match="own restorer"):
        export.main(["--checkpoint", str(ck), "--name", "c", "--out", str(tmp_path), "--predictor-only"])
