"""training/models.py: the networks' shapes, residual identity, QF conditioning and cost (run by JUnit's TrainingPythonTest)."""
import pytest
import torch

import models


@pytest.mark.parametrize("arch,task,cin,cout", [
    ("blockunet-xs", "luma", 1, 1),
    ("chroma-xs", "color", 3, 2),
    ("blind-xs", "blind", 1, 1),
    ("blind-xs2", "blind", 1, 1),
])
def test_shapes(arch, task, cin, cout):
    torch.manual_seed(0)
    m = models.build(arch, task).eval()
    x = torch.rand(2, cin, 64, 48)
    q = torch.full((2, 1), 0.3)
    with torch.no_grad():
        out = m(x, q)
    out = out[0] if isinstance(out, tuple) else out
    assert out.shape == (2, cout, 64, 48)


def test_zero_weights_of_the_tail_give_the_input_back():
    """The restorer is residual: with its last layer zeroed it returns its input (luma)."""
    m = models.build("blockunet-xs", "luma").eval()
    last = [mod for mod in m.modules() if isinstance(mod, torch.nn.Conv2d)][-1]
    with torch.no_grad():
        last.weight.zero_()
        if last.bias is not None:
            last.bias.zero_()
        x = torch.rand(1, 1, 32, 32)
        assert torch.allclose(m(x, torch.full((1, 1), 0.2)), x, atol=1e-6)


def test_the_qf_changes_the_output():
    torch.manual_seed(1)
    m = models.build("blockunet-xs", "luma").eval()
    with torch.no_grad():  # as trained: the tail starts at zero (the identity), so give every weight a value
        for p in m.parameters():
            p.normal_(0, 0.2)
    x = torch.rand(1, 1, 32, 32)
    with torch.no_grad():
        a, b = m(x, torch.full((1, 1), 0.1)), m(x, torch.full((1, 1), 0.9))
    assert not torch.allclose(a, b), "FiLM conditioning on the QF"


def test_shipped_architecture_costs():
    """blockunet-s: the shipped luma network's size and cost (model cards and BENCHMARKS.md state them)."""
    m = models.build("blockunet-s", "luma")
    assert 1.0e6 < models.count_params(m) < 3.0e6, models.count_params(m)
    f = models.flops_per_pixel(m)
    assert 0.05e6 < f < 0.2e6, f
    assert models.count_params(models.build("blockunet-l", "luma")) > 5 * models.count_params(m)


def test_every_arch_builds_for_its_task():
    tasks = {"chroma": "color", "blind": "blind"}
    for arch in models.ARCHS:
        task = next((t for k, t in tasks.items() if arch.startswith(k)), "luma")
        assert models.count_params(models.build(arch, task)) > 0, arch


def test_a_grown_blockunet_computes_what_the_smaller_one_did():
    torch.manual_seed(3)
    small = models.BlockUNet(widths=(4, 8, 8, 16), blocks=(1, 1, 1, 1), emb=8).eval()
    with torch.no_grad():  # trained-like: no zero layers (the tail and FiLM start at zero)
        for p in small.parameters():
            p.normal_(0, 0.1)
    big = models.BlockUNet(widths=(4, 8, 8, 16), blocks=(1, 2, 1, 3), emb=8).eval()
    big.load_state_dict(models.grown_state(small.state_dict(), big))
    x, q = torch.rand(2, 1, 32, 48), torch.tensor([[0.1], [0.7]])
    with torch.no_grad():
        assert torch.allclose(big(x, q), small(x, q), atol=1e-6)
    assert sum(p.numel() for p in big.parameters()) > sum(p.numel() for p in small.parameters())
    with pytest.raises(ValueError):  # other widths are not a growth
        models.grown_state(small.state_dict(), models.BlockUNet(widths=(4, 8, 8, 32), blocks=(1, 1, 1, 1), emb=8))


def test_an_unshuffled_blockunet_takes_the_lower_levels_of_a_full_resolution_one():
    torch.manual_seed(4)
    full = models.build("blockunet-xs", "luma").eval()
    with torch.no_grad():
        for p in full.parameters():
            p.normal_(0, 0.1)
    su = models.build("blockunet-xsu", "luma").eval()
    su.load_state_dict(models.levels_state(full.state_dict(), su))
    ours, theirs = su.state_dict(), full.state_dict()
    for part in ("enc", "dec", "down", "up"):
        for k, v in ours.items():
            if k.startswith(part + "."):  # level i is the full network's level i + 1
                i = int(k.split(".")[1])
                assert torch.equal(v, theirs[k.replace(f"{part}.{i}.", f"{part}.{i + 1}.", 1)]), k
    assert torch.equal(ours["embed.net.0.weight"], theirs["embed.net.0.weight"])
    assert ours["head.weight"].shape[1] == 4 and ours["tail.weight"].shape[0] == 4  # the 2x2 phases
    x, q = torch.rand(2, 1, 32, 48), torch.tensor([[0.1], [0.7]])
    with torch.no_grad():
        assert torch.equal(su(x, q), x)  # the new tail starts at zero
        su.tail.weight.normal_(0, 0.1)
        y = su(x, q)
    assert y.shape == x.shape and not torch.equal(y, x)
    with pytest.raises(ValueError):  # levels of other widths
        models.levels_state(models.build("blockunet-s", "luma").state_dict(), su)
