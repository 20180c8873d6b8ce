"""training/train.py: the training losses (run by JUnit's TrainingPythonTest)."""
import math

import pytest
import torch

import data
import train


def test_l2_is_the_squared_error_psnr_measures():
    out, target = torch.full((1, 1, 4, 4), 0.5), torch.zeros(1, 1, 4, 4)
    assert float(train.distance(out, target, False, "l2")) == 0.25
    assert float(train.distance(out, target, False, "l1")) == 0.5


def test_psnr_loss_is_minus_the_mean_patch_psnr():
    target = torch.zeros(2, 1, 4, 4)
    out = target.clone()
    out[0] += 0.1  # PSNR 20 dB
    out[1] += 0.01  # PSNR 40 dB
    expect = float(10 * torch.log10(torch.tensor([1e-2, 1e-4]) + train.PSNR_FLOOR).mean())  # about -(20 + 40) / 2
    assert abs(expect + 30.0) < 0.03
    assert abs(float(train.distance(out, target, False, "psnr")) - expect) < 1e-3
    # weighting: per unit of error the 40 dB patch pulls 100 times harder than under L2 (10x the gradient at a tenth of the error)
    out.requires_grad_(True)
    train.distance(out, target, False, "psnr").backward()
    g = out.grad.reshape(2, -1)[:, 0]
    assert abs(float(g[1] / g[0]) - 0.1 * (1e-2 + train.PSNR_FLOOR) / (1e-4 + train.PSNR_FLOOR)) < 1e-4  # d/dd log(mse) = 2 d / (n mse)
    # a perfect patch is bounded by the floor, not -inf
    assert abs(float(train.distance(target, target, False, "psnr")) - 10 * math.log10(train.PSNR_FLOOR)) < 1e-3  # -58.9 dB


def test_color_losses_weigh_cb_cr_by_their_rgb_error():
    target = torch.zeros(1, 2, 4, 4)
    cr = torch.zeros(1, 2, 4, 4)
    cr[:, 1] = 0.1  # a Cr error moves R by 1.402 and G by 0.714136 of it, B not at all
    expect_l2 = ((1.402 * 0.1) ** 2 + (0.714136 * 0.1) ** 2) / 3
    expect_l1 = (1.402 * 0.1 + 0.714136 * 0.1) / 3
    assert abs(float(train.distance(cr, target, True, "l2")) - expect_l2) < 1e-7
    assert abs(float(train.distance(cr, target, True, "l1")) - expect_l1) < 1e-7
    assert float(train.distance(target, target, True, "l2")) == 0.0
    assert abs(float(train.distance(cr, target, True, "psnr")) - 10 * torch.log10(torch.tensor(expect_l2 + train.PSNR_FLOOR))) < 1e-4


def test_source_weights():
    assert train.source_weights("") == {"gray": 1.0, "natural": 1.0, "microscopy": 1.0, "color": 1.0}
    assert train.source_weights("microscopy=2, natural=0.5")["microscopy"] == 2.0
    with pytest.raises(SystemExit):
        train.source_weights("microscope=2")


def test_source_shares_are_relative_to_the_sources_present():
    w = train.source_weights("microscopy=2")
    three = data.PatchSampler({"gray": [], "natural": [], "microscopy": []}, weights=w).shares()
    assert three == {"gray": 0.25, "microscopy": 0.5, "natural": 0.25}
    four = data.PatchSampler({"gray": [], "natural": [], "microscopy": [], "color": []}, weights=w).shares()
    assert four["microscopy"] == pytest.approx(0.4) and sum(four.values()) == pytest.approx(1.0)


def test_distillation_keeps_l1_and_blends_the_targets_of_l2():
    torch.manual_seed(0)
    target, soft = torch.rand(2, 1, 8, 8), torch.rand(2, 1, 8, 8)
    out = torch.rand(2, 1, 8, 8, requires_grad=True)
    w = 0.3
    l1 = train.distilled(out, target, soft, w, False, "l1")
    assert abs(float(l1) - float(0.7 * (out - target).abs().mean() + 0.3 * (out - soft).abs().mean())) < 1e-6
    # l2 against the blended target: the gradient of 0.7 L2(clean) + 0.3 L2(teacher)
    train.distilled(out, target, soft, w, False, "l2").backward()
    got = out.grad.clone()
    out.grad = None
    (0.7 * train.distance(out, target, False, "l2") + 0.3 * train.distance(out, soft, False, "l2")).backward()
    assert torch.allclose(got, out.grad, atol=1e-7)
    # w = 0 is the plain loss, w = 1 pure distillation
    assert float(train.distilled(out, target, soft, 0.0, False, "psnr")) == float(train.distance(out, target, False, "psnr"))
    assert float(train.distilled(out, target, soft, 1.0, False, "psnr")) == float(train.distance(out, soft, False, "psnr"))


def test_a_pause_costs_the_schedule_at_most_a_minute():
    clock = train.TrainClock()
    t = clock.last
    assert clock(t + 0.5) == 0.5
    assert clock(t + 0.5 + 600) == 60.5  # stopped for ten minutes: counts as one
    assert clock(t + 601.0) == 61.0


@pytest.mark.parametrize("arch", ["blind-xs", "blind-xs2"])
def test_head_only_trains_the_qf_head_and_keeps_the_luma_restorer(tmp_path, arch):
    import models
    _gray_pool(tmp_path)
    torch.manual_seed(1)
    luma = models.build("blockunet-xs", "luma")
    torch.save({"model": luma.state_dict(), "arch": "blockunet-xs", "task": "luma"}, tmp_path / "luma.pt")
    out = tmp_path / "run"
    train.main(["--task", "blind", "--arch", arch, "--init", str(tmp_path / "luma.pt"), "--head-only",
                "--data", str(tmp_path), "--train-dirs", "gray", "--val", "", "--out", str(out), "--iters", "4",
                "--batch", "2", "--patch", "32", "--lr", "1e-2", "--double-prob", "0.5", "--precision", "fp32"])
    state = torch.load(out / "last.pt")["model"]
    for k, v in luma.state_dict().items():
        assert torch.equal(state["net." + k], v), k  # the restorer is luma's, bit for bit
    torch.manual_seed(0)  # train.py's --seed: the head it started from
    start = models.build(arch, "blind").state_dict()
    assert any(not torch.equal(state[k], start[k]) for k in state if k.startswith("qf_head."))
    if arch == "blind-xs2":  # the predictor's own encoder started as luma's and learned
        own = [k for k in state if k.startswith("qnet.")]
        assert own and all(k.replace("qnet.", "") in luma.state_dict() for k in own)
        assert any(not torch.equal(state[k], luma.state_dict()[k.replace("qnet.", "")]) for k in own)
    with pytest.raises(SystemExit):
        train.main(["--task", "luma", "--arch", "blockunet-xs", "--head-only", "--data", str(tmp_path),
                    "--out", str(tmp_path / "bad"), "--iters", "1"])


def test_the_restore_qf_loss_reaches_the_prediction_through_the_frozen_restorer():
    """--qf-loss restore: the restoration loss under the predicted QF moves the predictor (its own
    encoder and head) and nothing of the restorer; it needs --head-only."""
    import argparse
    import models
    import os
    import export
    torch.manual_seed(2)
    blind = models.build("blind-xs2", "blind")
    tiny = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "models", "tiny.pt")
    blind.net.load_state_dict(export.state_from_torchscript(tiny, "blockunet-xs", "luma"))  # a trained restorer: QF matters
    blind.net.requires_grad_(False)
    args = argparse.Namespace(head_only=True, qf_loss="restore", qf_weight=0.0, loss="l1", task="blind")
    x, target = torch.rand(2, 1, 32, 32), torch.rand(2, 1, 32, 32)
    train.batch_loss(blind, x, torch.full((2, 1), 0.3), target, None, args, False).backward()
    assert all(p.grad is None for p in blind.net.parameters())
    assert any(p.grad is not None and float(p.grad.abs().sum()) > 0 for p in blind.qf_head.parameters())
    assert any(p.grad is not None and float(p.grad.abs().sum()) > 0 for p in blind.qnet.parameters())
    with pytest.raises(SystemExit):
        train.main(["--task", "blind", "--arch", "blind-xs2", "--qf-loss", "restore", "--out", "/nonexistent", "--iters", "1"])


def test_the_log_scale_qf_loss_weighs_the_ends_of_the_range():
    q = torch.tensor([[0.10], [0.50], [0.90]])
    assert torch.allclose(train.ijg_scale(q), torch.tensor([[500.0], [100.0], [20.0]]))
    assert float(train.qf_error(q + 0.01, q, "qf")) - 0.01 < 1e-6
    one_off = [float(train.qf_error(q[i:i + 1] + 0.01, q[i:i + 1], "log-scale")) for i in range(3)]
    # one QF off: about 1/10 at QF 10 (log 500 - log 454.5) and at QF 90 (log 20 - log 18), 1/50 at QF 50
    assert abs(one_off[0] - math.log(500 / (5000 / 11))) < 1e-4
    assert abs(one_off[2] - math.log(20 / 18)) < 1e-4
    assert one_off[1] < one_off[0] / 4 and one_off[1] < one_off[2] / 4


def test_warm_new_trains_only_the_head_and_tail_first(tmp_path):
    import models
    _gray_pool(tmp_path)
    torch.manual_seed(1)
    full = models.build("blockunet-xs", "luma")
    torch.save({"model": full.state_dict(), "arch": "blockunet-xs", "task": "luma"}, tmp_path / "full.pt")
    out = tmp_path / "run"
    common = ["--task", "luma", "--arch", "blockunet-xsu", "--init", str(tmp_path / "full.pt"), "--init-arch",
              "blockunet-xs", "--warm-new", "3", "--data", str(tmp_path), "--train-dirs", "gray", "--val", "",
              "--out", str(out), "--batch", "2", "--patch", "32", "--lr", "1e-2", "--precision", "fp32"]
    train.main(common + ["--iters", "3"])
    start = models.levels_state(full.state_dict(), models.build("blockunet-xsu", "luma"))
    state = torch.load(out / "last.pt")["model"]
    for k, v in start.items():
        if k.startswith(("head.", "tail.")):
            assert not torch.equal(state[k], v), k
        else:  # the levels taken over stay as they were
            assert torch.equal(state[k], v), k
    train.main(common + ["--iters", "5"])  # resumed past the warm steps: every layer trains
    state = torch.load(out / "last.pt")["model"]
    assert not torch.equal(state["enc.0.0.c1.weight"], start["enc.0.0.c1.weight"])
    with pytest.raises(SystemExit):  # a color model's head and tail are named otherwise
        train.main(["--task", "color", "--arch", "chroma-xs", "--warm-new", "3", "--data", str(tmp_path),
                    "--out", str(tmp_path / "bad"), "--iters", "1"])


def _gray_pool(tmp_path):
    """Three small gray training images in tmp_path/train/gray."""
    import os
    import numpy as np
    from PIL import Image
    rng = np.random.default_rng(0)
    os.makedirs(tmp_path / "train" / "gray")
    for i in range(3):
        a = 128 + 60 * np.sin(np.arange(64) / (3 + i))[None, :] + rng.normal(0, 10, (64, 64))
        Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(tmp_path / "train" / "gray" / f"{i}.png")
