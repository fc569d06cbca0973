#!/usr/bin/env python3
"""The reference forward pass for the transformer tests, written independently of the C++ code:
a padded batch with Hugging Face's attention mask (masked scores set to the dtype's minimum),
separate Q/K/V projections, every layer on every token, float64 throughout.

    numpy_forward.py CHECKPOINT_DIR BATCH_JSON   # prints {"logits": [[...], ...]}

BATCH_JSON: {"ids": [[...], ...], "mask": [[...], ...]} (rows of equal length).
"""
import json
import math
import os
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[base + begin:base + end]
        dtype = info["dtype"]
        if dtype == "F32":
            array = np.frombuffer(raw, dtype="<f4")
        elif dtype == "F16":
            array = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dtype == "BF16":
            array = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            continue
        tensors[name] = array.astype(np.float64).reshape(info["shape"])
    return tensors


def layer_norm(x, weight, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


_erf = np.vectorize(math.erf)


def activation(x, name):
    if name == "relu":
        return np.maximum(x, 0)
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + _erf(x / math.sqrt(2)))


def attention(x, mask, q_w, q_b, k_w, k_b, v_w, v_b, o_w, o_b, heads):
    batch, seq, dim = x.shape
    head_dim = dim // heads

    def split(t):
        return t.reshape(batch, seq, heads, head_dim).transpose(0, 2, 1, 3)

    q = split(x @ q_w.T + q_b) / math.sqrt(head_dim)
    k = split(x @ k_w.T + k_b)
    v = split(x @ v_w.T + v_b)
    scores = q @ k.transpose(0, 1, 3, 2)
    keys_masked = (mask == 0)[:, None, None, :]
    scores = np.where(keys_masked, np.finfo(np.float64).min, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, seq, dim)
    return context @ o_w.T + o_b


def forward(directory, ids, mask):
    with open(os.path.join(directory, "config.json")) as f:
        config = json.load(f)
    t = read_safetensors(os.path.join(directory, "model.safetensors"))
    ids = np.asarray(ids)
    mask = np.asarray(mask)
    positions = np.arange(ids.shape[1])
    if config["model_type"] == "distilbert":
        heads, layers, eps, act = config["n_heads"], config["n_layers"], 1e-12, config.get("activation", "gelu")
        e = "distilbert.embeddings."
        x = t[e + "word_embeddings.weight"][ids] + t[e + "position_embeddings.weight"][positions][None]
        x = layer_norm(x, t[e + "LayerNorm.weight"], t[e + "LayerNorm.bias"], eps)
        for i in range(layers):
            l = f"distilbert.transformer.layer.{i}."
            a = l + "attention."
            sa = attention(x, mask, t[a + "q_lin.weight"], t[a + "q_lin.bias"], t[a + "k_lin.weight"],
                           t[a + "k_lin.bias"], t[a + "v_lin.weight"], t[a + "v_lin.bias"],
                           t[a + "out_lin.weight"], t[a + "out_lin.bias"], heads)
            x = layer_norm(sa + x, t[l + "sa_layer_norm.weight"], t[l + "sa_layer_norm.bias"], eps)
            h = activation(x @ t[l + "ffn.lin1.weight"].T + t[l + "ffn.lin1.bias"], act)
            h = h @ t[l + "ffn.lin2.weight"].T + t[l + "ffn.lin2.bias"]
            x = layer_norm(h + x, t[l + "output_layer_norm.weight"], t[l + "output_layer_norm.bias"], eps)
        cls = x[:, 0]
        pooled = np.maximum(cls @ t["pre_classifier.weight"].T + t["pre_classifier.bias"], 0)
    else:
        heads, layers = config["num_attention_heads"], config["num_hidden_layers"]
        eps, act = config.get("layer_norm_eps", 1e-12), config.get("hidden_act", "gelu")
        e = "bert.embeddings."
        x = (t[e + "word_embeddings.weight"][ids] + t[e + "position_embeddings.weight"][positions][None]
             + t[e + "token_type_embeddings.weight"][0][None, None])
        x = layer_norm(x, t[e + "LayerNorm.weight"], t[e + "LayerNorm.bias"], eps)
        for i in range(layers):
            l = f"bert.encoder.layer.{i}."
            s = l + "attention.self."
            sa = attention(x, mask, t[s + "query.weight"], t[s + "query.bias"], t[s + "key.weight"],
                           t[s + "key.bias"], t[s + "value.weight"], t[s + "value.bias"],
                           t[l + "attention.output.dense.weight"], t[l + "attention.output.dense.bias"],
                           heads)
            x = layer_norm(sa + x, t[l + "attention.output.LayerNorm.weight"],
                           t[l + "attention.output.LayerNorm.bias"], eps)
            h = activation(x @ t[l + "intermediate.dense.weight"].T + t[l + "intermediate.dense.bias"], act)
            h = h @ t[l + "output.dense.weight"].T + t[l + "output.dense.bias"]
            x = layer_norm(h + x, t[l + "output.LayerNorm.weight"], t[l + "output.LayerNorm.bias"], eps)
        cls = x[:, 0]
        pooled = np.tanh(cls @ t["bert.pooler.dense.weight"].T + t["bert.pooler.dense.bias"])
    return pooled @ t["classifier.weight"].T + t["classifier.bias"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[2]) as f:
        batch = json.load(f)
    logits = forward(sys.argv[1], batch["ids"], batch["mask"])
    json.dump({"logits": logits.tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
