#!/usr/bin/env python3
"""BioImage.IO model description (spec 0.5) beside an exported model: NAME.rdf.yaml and its test
tensors (NAME-test-*.npy: a deterministic 64x64 input, the QF, and what the TorchScript file gives
for them), from the model card. Needs torch (to compute the test outputs), numpy and PyYAML-free
(the YAML is written by hand).

  python3 training/rdf.py models/luma.json            # writes models/luma.rdf.yaml + tensors
  python3 -c "import bioimageio.spec as s; print(s.load_description('models/luma.rdf.yaml'))"

The blind model's description runs it under a given QF (the restoring call); its predict-only call
(negative QF) is in its card. A predictor-only blind file (card "predictor_only", export.py
--predictor-only) takes only that call: its description has QF -1 in and two outputs, the image
unchanged and the predicted QF; its card's guide luma model (its own description) restores.
"""
import hashlib
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_input(channels, size=64, seed=7):
    """A smooth pattern with an 8x8 blocking, the kind of input the models restore."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    planes = []
    for c in range(channels):
        p = 0.5 + 0.3 * np.sin(x / (5.0 + c)) * np.cos(y / 7.0) + 0.02 * rng.standard_normal((size, size))
        p = p.reshape(size // 8, 8, size // 8, 8).mean(axis=(1, 3)).repeat(8, 0).repeat(8, 1) * 0.5 + p * 0.5
        planes.append(np.clip(p, 0, 1))
    return np.stack(planes)[None].astype(np.float32)


def axes(names, space=True, halo=0):
    a = [{"type": "batch"}, {"type": "channel", "channel_names": names}]
    if space:
        for ax in ("y", "x"):
            d = {"type": "space", "id": ax, "size": {"min": 16, "step": 16}}
            if halo:
                d["halo"] = halo
            a.append(d)
    return a


def yaml(obj, indent=0):
    """A small YAML writer for the description (mappings, lists, strings, numbers)."""
    pad = "  " * indent
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:")
                out.append(yaml(v, indent + 1))
            else:
                out.append(f"{pad}{k}: {scalar(v)}")
    else:
        for v in obj:
            if isinstance(v, dict):
                inner = yaml(v, indent + 1).split("\n")
                out.append(f"{pad}- {inner[0].strip()}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {scalar(v)}")
    return "\n".join(out)


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{}"
    return json.dumps(str(v))


def main(argv=None):
    import torch
    card_path = (argv or sys.argv[1:])[0]
    card = json.load(open(card_path))
    folder, name = os.path.dirname(os.path.abspath(card_path)), card["name"]
    task = card["task"]
    in_names = card["inputs"][0]["channels"]
    out_names = card["outputs"][0]["channels"]
    predictor_only = bool(card.get("predictor_only"))
    x = test_input(len(in_names))
    q = np.array([[-1.0 if predictor_only else 0.3]], dtype=np.float32)
    ts = torch.jit.load(os.path.join(folder, card["file"]), map_location="cpu")
    with torch.no_grad():
        y = ts(torch.from_numpy(x), torch.from_numpy(q))
    predicted = y[1].numpy().astype(np.float32) if predictor_only else None
    if isinstance(y, (tuple, list)):
        y = y[0]
    y = y.numpy().astype(np.float32)
    files = {}
    for key, arr in (("input", x), ("qf", q), ("output", y)) + ((("output-qf", predicted),) if predictor_only else ()):
        p = os.path.join(folder, f"{name}-test-{key}.npy")
        np.save(p, arr)
        files[key] = p
    what = {"luma": "restores the luma (Y) of JPEG-compressed images, conditioned on the JPEG quality factor",
            "color": "restores the chroma (Cb, Cr) of JPEG-compressed color images, guided by the restored luma",
            "blind": "restores the luma of JPEG-compressed images under a quality factor it can also predict from the pixels"}[task]
    if predictor_only:
        what = (f"predicts the JPEG quality factor of a gray image from its pixels (input qf -1; the image comes back "
                f"unchanged); the {card.get('guide', 'luma')} model restores under it")
    descr = {
        "type": "model",
        "format_version": "0.5.4",
        "name": f"JPEG Restore {name}",
        "description": f"JPEG Restore's {name} model: {what}. Trained by the project's own pipeline (training/), "
                       f"{card['parameters']} parameters, "
                       f"{card['qf_predictor_flops_per_pixel'] if predictor_only else card['flops_per_pixel']} FLOP per pixel.",
        "authors": [{"name": "JPEG Restore developers"}],
        "cite": [{"text": "Jiang et al., Towards Flexible Blind JPEG Artifacts Removal (FBCNN), ICCV 2021", "doi": "10.1109/ICCV48922.2021.00495"},
                 {"text": "Ehrlich et al., Quantization Guided JPEG Artifact Correction, ECCV 2020", "doi": "10.1007/978-3-030-58598-3_18"}],
        "license": "BSD-2-Clause",
        "documentation": "README.md",
        "tags": ["jpeg", "artifact-removal", "restoration", "2d", "pytorch", "torchscript"],
        "inputs": [
            {"id": "image", "description": card["inputs"][0].get("note", "8-bit pixels / 255; the 8x8 JPEG grid starts at (0, 0)"),
             "axes": axes(in_names), "test_tensor": {"source": os.path.basename(files["input"]), "sha256": sha256(files["input"])},
             "data": {"type": "float32", "range": [0.0, 1.0]}},
            {"id": "qf", "description": "-1: predict the QF (the only call this model takes)" if predictor_only
             else "IJG JPEG quality factor / 100",
             "axes": [{"type": "batch"}, {"type": "channel", "channel_names": ["qf"]}],
             "test_tensor": {"source": os.path.basename(files["qf"]), "sha256": sha256(files["qf"])},
             "data": {"type": "float32", "range": [-1.0, 0.0] if predictor_only else [0.0, 1.0]}},
        ],
        "outputs": [
            {"id": "unchanged" if predictor_only else "restored",
             "description": "the input unchanged (this model only predicts)" if predictor_only
             else "restored planes (not clipped; clip to [0, 1])",
             "axes": axes(out_names, halo=0),
             "test_tensor": {"source": os.path.basename(files["output"]), "sha256": sha256(files["output"])},
             "data": {"type": "float32"}},
        ] + ([{"id": "predicted_qf", "description": "the predicted IJG quality factor / 100 of the whole input",
               "axes": [{"type": "batch"}, {"type": "channel", "channel_names": ["qf"]}],
               "test_tensor": {"source": os.path.basename(files["output-qf"]), "sha256": sha256(files["output-qf"])},
               "data": {"type": "float32", "range": [0.0, 1.0]}}] if predictor_only else []),
        "weights": {"torchscript": {"source": card["file"], "sha256": card["sha256"],
                                    "pytorch_version": torch.__version__.split("+")[0].replace("a0", "")}},
    }
    # the output's spatial size is the input's
    for ax in descr["outputs"][0]["axes"][2:]:
        ax["size"] = {"tensor_id": "image", "axis_id": ax["id"]}
    out = os.path.join(folder, f"{name}.rdf.yaml")
    with open(out, "w") as f:
        f.write("# BioImage.IO model description (spec 0.5), written by training/rdf.py from the model card\n")
        f.write(yaml(descr) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
