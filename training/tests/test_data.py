"""training/data.py: the degradations and patches the models learn from (run by JUnit's TrainingPythonTest)."""
import random

import numpy as np
import pytest

import data


def smooth(h=64, w=64, seed=0, color=False):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = 128 + 60 * np.sin(x / 7.0) * np.cos(y / 9.0) + rng.normal(0, 4, (h, w))
    a = np.clip(base, 0, 255).astype(np.uint8)
    return np.stack([a, np.roll(a, 5, 1), 255 - a], -1) if color else a


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 10 * np.log10(255.0 ** 2 / mse)


def test_y_is_jfif_full_range():
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], dtype=np.uint8)
    assert data.rgb_to_y(rgb).tolist() == [[76, 150, 29, 255]]
    ycc = data.rgb_to_ycbcr(rgb)
    assert np.allclose(data.ycbcr_to_rgb(ycc), rgb, atol=0.6), "YCbCr round trip"


def test_jpeg_quality_orders_the_error():
    a = smooth()
    errs = [psnr(a, data.jpeg(a, q)) for q in (10, 30, 60, 90)]
    assert errs == sorted(errs), errs
    assert data.jpeg(a, 50).shape == a.shape and data.jpeg(a, 50).dtype == np.uint8
    c = smooth(color=True)
    assert data.jpeg(c, 50, 0).shape == c.shape, "4:4:4 keeps the size"


def test_double_jpeg_drops_the_shift():
    a = smooth(72, 72)
    d = data.double_jpeg(a, 20, 60, 3, 5)
    assert d.shape == (67, 69)


def test_to_uint8_scales_16_bit_by_percentiles():
    p = np.linspace(0, 4000, 64 * 64).reshape(64, 64).astype(np.uint16)
    u = data.to_uint8(p)
    assert u.dtype == np.uint8 and u.min() == 0 and u.max() == 255
    eight = smooth()
    assert data.to_uint8(eight) is eight, "8-bit data unchanged"


@pytest.mark.parametrize("color", [False, True])
def test_patches_are_on_the_grid_and_conditioned(color):
    pool = {"a": [smooth(80, 96, 1, color), smooth(100, 70, 2, color)]}
    s = data.PatchSampler(pool, patch=32, seed=3, color=color, qf_min=10, qf_max=10, qf_dist="uniform")
    x, y, q = s.sample(4)
    ch = 3 if color else 1
    assert x.shape == (4, ch, 32, 32) and y.shape == x.shape and q.shape == (4, 1)
    assert np.allclose(q, 0.10), "the QF the patch was compressed at, over 100"
    assert 0 <= x.min() and x.max() <= 1.0001
    assert not np.allclose(x, y), "degraded differs from clean"
    # the same seed gives the same batch (resumable, comparable runs)
    x2, _, _ = data.PatchSampler(pool, patch=32, seed=3, color=color, qf_min=10, qf_max=10, qf_dist="uniform").sample(4)
    assert np.array_equal(x, x2)


def test_double_jpeg_patches_are_conditioned_on_the_stronger_qf():
    pool = {"a": [smooth(96, 96, 4)]}
    s = data.PatchSampler(pool, patch=32, seed=5, double_prob=1.0)
    x, y, q = s.sample(16)
    assert x.shape == (16, 1, 32, 32)
    assert (q <= 0.95 + 1e-6).all() and (q >= 0.05 - 1e-6).all()


def test_draw_qf_stays_in_range():
    rng = random.Random(1)
    qs = [data.draw_qf(rng, "uniform", 10, 20) for _ in range(200)]
    assert min(qs) >= 10 and max(qs) <= 20
    mix = [data.draw_qf(rng) for _ in range(400)]
    assert min(mix) >= 5 and max(mix) <= 95
