"""training/train.py: the training losses (run by JUnit's TrainingPythonTest)."""
import math

import torch

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
    import pytest
    with pytest.raises(SystemExit):
        train.source_weights("microscope=2")


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
