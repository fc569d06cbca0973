#!/usr/bin/env python3
"""The PyTorch peer of adpilot_transformer_bench: DistilBertForSequenceClassification written as
a plain torch module (the transformers library is not needed), loaded from the SAME
model.safetensors, timed on the same batch shapes and token ids, CPU only.

    transformer_torch.py --model DIR --seq 16 --batch 1 [--runs 10] [--warmup 3] [--threads 2]
                         [--logits FILE]

Prints one CSV line like the C++ bench:
impl,seq,batch,threads,median_ms,min_ms,sentences_per_s,load_ms,cpu_ms.
The module follows Hugging Face's modeling_distilbert.py: scaled Q, masked_fill of padded keys
with the dtype's minimum, softmax, erf GELU, post-LayerNorm (eps 1e-12), [CLS] →
pre_classifier → ReLU → classifier; every layer runs on every token, as in Hugging Face.
"""
import argparse
import json
import math
import os
import statistics
import struct
import time

import numpy as np
import torch
from torch import nn


def load_safetensors_into(model, path):
    """Copies each tensor of the file into the module's parameter of the same name, one at a
    time, so the peak memory is the module plus one tensor (as a memory-mapped load would be)."""
    params = dict(model.named_parameters())
    seen = set()
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        base = 8 + header_len
        for name, info in header.items():
            if name == "__metadata__" or name not in params:
                continue
            begin, end = info["data_offsets"]
            f.seek(base + begin)
            raw = bytearray(f.read(end - begin))  # writable, so torch.from_numpy is happy
            if info["dtype"] == "F32":
                array = np.frombuffer(raw, dtype="<f4")
            elif info["dtype"] == "F16":
                array = np.frombuffer(raw, dtype="<f2").astype(np.float32)
            elif info["dtype"] == "BF16":
                array = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
            else:
                raise SystemExit(f"{name}: unsupported dtype {info['dtype']}")
            with torch.no_grad():
                params[name].copy_(torch.from_numpy(array.reshape(info["shape"])))
            seen.add(name)
    missing = set(params) - seen
    if missing:
        raise SystemExit(f"missing tensors: {sorted(missing)[:5]}")


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.q_lin = nn.Linear(dim, dim)
        self.k_lin = nn.Linear(dim, dim)
        self.v_lin = nn.Linear(dim, dim)
        self.out_lin = nn.Linear(dim, dim)

    def forward(self, x, mask):
        bs, length, dim = x.shape
        head_dim = dim // self.heads

        def shape(t):
            return t.view(bs, -1, self.heads, head_dim).transpose(1, 2)

        q = shape(self.q_lin(x)) / math.sqrt(head_dim)
        k = shape(self.k_lin(x))
        v = shape(self.v_lin(x))
        scores = torch.matmul(q, k.transpose(2, 3))
        masked = (mask == 0).view(bs, 1, 1, length).expand_as(scores)
        scores = scores.masked_fill(masked, torch.finfo(scores.dtype).min)
        weights = nn.functional.softmax(scores, dim=-1)
        context = torch.matmul(weights, v).transpose(1, 2).reshape(bs, -1, dim)
        return self.out_lin(context)


class FFN(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.lin1 = nn.Linear(dim, hidden)
        self.lin2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.lin2(nn.functional.gelu(self.lin1(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.attention = Attention(dim, heads)
        self.sa_layer_norm = nn.LayerNorm(dim, eps=1e-12)
        self.ffn = FFN(dim, hidden)
        self.output_layer_norm = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, x, mask):
        x = self.sa_layer_norm(self.attention(x, mask) + x)
        return self.output_layer_norm(self.ffn(x) + x)


class Embeddings(nn.Module):
    def __init__(self, vocab, positions, dim):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, dim)
        self.position_embeddings = nn.Embedding(positions, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1], dtype=torch.long).unsqueeze(0)
        return self.LayerNorm(self.word_embeddings(ids) + self.position_embeddings(positions))


class Transformer(nn.Module):
    def __init__(self, layers, dim, heads, hidden):
        super().__init__()
        self.layer = nn.ModuleList([Block(dim, heads, hidden) for _ in range(layers)])


class DistilBert(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = Embeddings(config["vocab_size"], config["max_position_embeddings"], config["dim"])
        self.transformer = Transformer(config["n_layers"], config["dim"], config["n_heads"],
                                       config["hidden_dim"])


class DistilBertForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        dim = config["dim"]
        self.distilbert = DistilBert(config)
        self.pre_classifier = nn.Linear(dim, dim)
        self.classifier = nn.Linear(dim, len(config["id2label"]))

    def forward(self, ids, mask):
        x = self.distilbert.embeddings(ids)
        for block in self.distilbert.transformer.layer:
            x = block(x, mask)
        pooled = nn.functional.relu(self.pre_classifier(x[:, 0]))
        return self.classifier(pooled)


def bench_token(row, pos, seq):
    """The same ids as adpilot_transformer_bench."""
    if pos == 0:
        return 101
    if pos == seq - 1:
        return 102
    return 1000 + (pos * 7919 + row * 104729) % 20000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--seq", type=int, default=16)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--logits")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    with open(os.path.join(args.model, "config.json")) as f:
        config = json.load(f)
    model = DistilBertForSequenceClassification(config)
    load_safetensors_into(model, os.path.join(args.model, "model.safetensors"))
    model.eval()
    load_ms = (time.perf_counter() - start) * 1000

    ids = torch.tensor([[bench_token(row, pos, args.seq) for pos in range(args.seq)]
                        for row in range(args.batch)], dtype=torch.long)
    mask = torch.ones_like(ids)
    times = []
    cpu_start = 0.0
    with torch.inference_mode():
        for run in range(args.warmup + args.runs):
            if run == args.warmup:
                cpu_start = time.process_time()
            begin = time.perf_counter()
            logits = model(ids, mask)
            elapsed = (time.perf_counter() - begin) * 1000
            if run == 0 and args.logits:
                with open(args.logits, "w") as out:
                    out.write(" ".join(f"{v:.7g}" for v in logits[0].tolist()) + "\n")
            if run >= args.warmup:
                times.append(elapsed)
    cpu_ms = (time.process_time() - cpu_start) * 1000 / args.runs
    median = statistics.median(times)
    print(f"pytorch,{args.seq},{args.batch},{args.threads},{median:.3f},{min(times):.3f},"
          f"{args.batch * 1000 / median:.2f},{load_ms:.1f},{cpu_ms:.1f}")


if __name__ == "__main__":
    main()
