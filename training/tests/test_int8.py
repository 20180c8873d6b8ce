"""training/int8.py: the int8 luma module computes the folded float network it was calibrated on,
follows the QF from call to call, and survives scripting, freezing and a save/load."""
import io

import numpy as np
import pytest
import torch

import int8
import models


def random_net(seed=0):
    """A blockunet-xs whose FiLM layers are not the zero they start as, so the QF matters."""
    torch.manual_seed(seed)
    net = models.build("blockunet-xs", "luma")
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, models.FiLMResBlock):
                m.film.weight.normal_(0, 0.3)
                m.film.bias.normal_(0, 0.1)
        net.tail.weight.normal_(0, 0.05)
    return net.eval()


def calibrated(net, monkeypatch):
    monkeypatch.setattr(int8, "QF_GRID", [20, 60])
    m = int8.LumaInt8(net).eval()
    crops = [(torch.rand(1, 1, 64, 64), torch.tensor([[q / 100]])) for q in (20, 60) for _ in range(3)]
    monkeypatch.setattr(int8, "calibration_batches", lambda d, n, qfs, side, seed: [c for c in crops if round(float(c[1]) * 100) in qfs])
    int8.calibrate(m, "unused", 3, side=64)
    return m


@pytest.fixture(autouse=True)
def engine():
    old = torch.backends.quantized.engine
    supported = torch.backends.quantized.supported_engines
    torch.backends.quantized.engine = "x86" if "x86" in supported else "onednn" if "onednn" in supported else "fbgemm"
    yield
    torch.backends.quantized.engine = old


def test_the_folded_float_body_is_the_network(monkeypatch):
    """float_body (FiLM folded into c2, its edge rows and columns corrected) + the float outer
    parts = the network, to the edge; without the edge corrections it is not."""
    net = random_net()
    m = int8.LumaInt8(net).eval()
    x, q = torch.rand(1, 1, 96, 80), torch.tensor([[0.3]])

    def run():
        e = m.embed(q)
        h, s0, s1 = m.outer_in(x, e)
        return x + m.outer_out(m.float_body(h, e)[-1], s0, s1, e)

    with torch.no_grad():
        ref = net(x, q)
        assert float((run() - ref).abs().max()) < 1e-5
        monkeypatch.setattr(int8, "edge_corrected", lambda y, edges: y)
        assert float((run() - ref).abs().max()) > 1e-4, "the corrections matter"


def test_int8_is_close_to_float_and_follows_the_qf(monkeypatch):
    net = random_net(1)
    m = calibrated(net, monkeypatch)
    x = torch.rand(1, 1, 64, 80)
    with torch.no_grad():
        s = torch.jit.freeze(torch.jit.script(m).eval())
        buf = io.BytesIO()
        torch.jit.save(s, buf)
        buf.seek(0)
        s = torch.jit.load(buf)
        out = {}
        for qf in (0.2, 0.6, 0.2):
            y, ref = s(x, torch.tensor([[qf]])), net(x, torch.tensor([[qf]]))
            assert y.shape == x.shape
            err = float((y - ref).abs().mean())
            assert err < 0.02, (qf, err)
            if qf in out:
                assert torch.equal(out[qf], y), "the same QF again gives the same output (the packed weights follow the QF)"
            out[qf] = y
        assert float((out[0.2] - out[0.6]).abs().max()) > 1e-3, "the QF changes the output"
