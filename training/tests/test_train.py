"""training/train.py: the training losses (run by JUnit's TrainingPythonTest)."""
import torch

import train


def test_l2_is_the_squared_error_psnr_measures():
    out, target = torch.full((1, 1, 4, 4), 0.5), torch.zeros(1, 1, 4, 4)
    assert float(train.distance(out, target, False, "l2")) == 0.25
    assert float(train.distance(out, target, False, "l1")) == 0.5


def test_color_losses_weigh_cb_cr_by_their_rgb_error():
    target = torch.zeros(1, 2, 4, 4)
    cr = torch.zeros(1, 2, 4, 4)
    cr[:, 1] = 0.1  # a Cr error moves R by 1.402 and G by 0.714136 of it, B not at all
    expect_l2 = ((1.402 * 0.1) ** 2 + (0.714136 * 0.1) ** 2) / 3
    expect_l1 = (1.402 * 0.1 + 0.714136 * 0.1) / 3
    assert abs(float(train.distance(cr, target, True, "l2")) - expect_l2) < 1e-7
    assert abs(float(train.distance(cr, target, True, "l1")) - expect_l1) < 1e-7
    assert float(train.distance(target, target, True, "l2")) == 0.0


def test_source_weights():
    assert train.source_weights("") == {"gray": 1.0, "natural": 1.0, "microscopy": 1.0, "color": 1.0}
    assert train.source_weights("microscopy=2, natural=0.5")["microscopy"] == 2.0
    import pytest
    with pytest.raises(SystemExit):
        train.source_weights("microscope=2")
