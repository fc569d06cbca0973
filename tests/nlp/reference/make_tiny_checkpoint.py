#!/usr/bin/env python3
"""Writes a tiny random Hugging Face checkpoint (config.json, vocab.txt, tokenizer_config.json,
model.safetensors) for the transformer tests: DistilBERT or BERT for sequence classification,
weights in F32, F16 or BF16, with the tensor names Hugging Face uses.

    make_tiny_checkpoint.py --out DIR [--arch distilbert|bert] [--dtype F32|F16|BF16] [--seed 1]

The bench uses it for full-size random weights with the real shapes (bench/transformer_bench.sh):
--layers 6 --hidden 768 --heads 12 --ffn 3072 --max-positions 512 --vocab PATH/vocab.txt (or --vocab-size 30522).

Weights are drawn larger than a trained model's (std 0.2 instead of 0.02) so the logits differ
clearly between texts and a wrong kernel shows up as a wrong number, not as noise around zero.
Only NumPy is needed; the safetensors file is written by hand (u64 header length, JSON header
padded with spaces to 8 bytes, raw little-endian data).
"""
import argparse
import json
import os
import struct

import numpy as np

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = (
    "the a an and or of to in on for with free great best new now buy get save shop deal deals "
    "sale offer today only limited time shipping delivery fast easy quality price prices low "
    "love hate bad terrible awful amazing good excellent poor cheap premium order online store "
    "cafe resume naive un aff able play ##ing ##ed ##s ##ly ##er ##est ##aff ##able ##ment "
    "##tion hello world summer winter shoes bag bags dress run running runner "
    "100 50 % $ ! ? , . - ' \" ( ) : ; / & + ##0 ##5"
).split()

BIGRAMS = (
    "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve "
    "co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no "
    "ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts"
).split()


def vocabulary():
    tokens = list(SPECIAL)
    tokens += [chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += [str(d) for d in range(10)]
    # The commonest English letter pairs, alone and as continuations, to reach a few hundred.
    for pair in BIGRAMS:
        tokens += [pair, "##" + pair]
    for word in WORDS:
        if word not in tokens:
            tokens.append(word)
    return tokens


def to_dtype(array, dtype):
    array = np.ascontiguousarray(array, dtype=np.float32)
    if dtype == "F32":
        return array.astype("<f4").tobytes()
    if dtype == "F16":
        return array.astype("<f2").tobytes()
    # BF16: the high half of the float32 bits, rounded to nearest even.
    bits = array.view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype("<u2").tobytes()


def write_safetensors(path, tensors, dtype):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        value = tensors[name]
        if value.dtype == np.int64:
            blob, tensor_dtype = value.astype("<i8").tobytes(), "I64"
        else:
            blob, tensor_dtype = to_dtype(value, dtype), dtype
        header[name] = {"dtype": tensor_dtype, "shape": list(value.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


def normal(rng, std, shape):
    return rng.standard_normal(shape, dtype=np.float32) * np.float32(std)


def linear(rng, tensors, name, n_out, n_in):
    # std 0.2 for the tiny model; 1/sqrt(n_in) keeps wide layers in the same range.
    tensors[name + ".weight"] = normal(rng, min(0.2, 1.0 / np.sqrt(n_in)), (n_out, n_in))
    tensors[name + ".bias"] = normal(rng, 0.1, (n_out,))


def layer_norm(rng, tensors, name, n):
    tensors[name + ".weight"] = 1.0 + normal(rng, 0.1, (n,))
    tensors[name + ".bias"] = normal(rng, 0.1, (n,))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--arch", choices=["distilbert", "bert"], default="distilbert")
    parser.add_argument("--dtype", choices=["F32", "F16", "BF16"], default="F32")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--ffn", type=int, default=64)
    parser.add_argument("--max-positions", type=int, default=64)
    parser.add_argument("--labels", type=int, default=2)
    parser.add_argument("--vocab", help="use this vocab.txt instead of the built-in few hundred tokens")
    parser.add_argument("--name", help="config.json's _name_or_path (default tiny-random-ARCH)")
    parser.add_argument("--vocab-size", type=int, help="pad the vocabulary with [unusedN] tokens to this size")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    if args.vocab:
        with open(args.vocab, encoding="utf-8") as f:
            tokens = [line.rstrip("\n") for line in f]
    else:
        tokens = vocabulary()
    if args.vocab_size and len(tokens) < args.vocab_size:
        tokens += [f"[unused{i}]" for i in range(args.vocab_size - len(tokens))]
    vocab, d, f, p = len(tokens), args.hidden, args.ffn, args.max_positions
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "vocab.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(tokens) + "\n")
    with open(os.path.join(args.out, "tokenizer_config.json"), "w") as out:
        json.dump({"do_lower_case": True, "model_max_length": p}, out)

    labels = ["NEGATIVE", "POSITIVE"] if args.labels == 2 else [f"CLASS_{i}" for i in range(args.labels)]
    id2label = {str(i): name for i, name in enumerate(labels)}
    tensors = {}
    if args.arch == "distilbert":
        config = {"architectures": ["DistilBertForSequenceClassification"], "model_type": "distilbert",
                  "_name_or_path": args.name or "tiny-random-distilbert", "activation": "gelu", "dim": d,
                  "hidden_dim": f, "n_heads": args.heads, "n_layers": args.layers, "vocab_size": vocab,
                  "max_position_embeddings": p, "sinusoidal_pos_embds": False, "pad_token_id": 0,
                  "id2label": id2label, "label2id": {v: int(k) for k, v in id2label.items()}}
        e = "distilbert.embeddings."
        tensors[e + "word_embeddings.weight"] = normal(rng, 1.0, (vocab, d))
        tensors[e + "position_embeddings.weight"] = normal(rng, 0.5, (p, d))
        layer_norm(rng, tensors, e + "LayerNorm", d)
        for i in range(args.layers):
            l = f"distilbert.transformer.layer.{i}."
            for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
                linear(rng, tensors, l + "attention." + name, d, d)
            layer_norm(rng, tensors, l + "sa_layer_norm", d)
            linear(rng, tensors, l + "ffn.lin1", f, d)
            linear(rng, tensors, l + "ffn.lin2", d, f)
            layer_norm(rng, tensors, l + "output_layer_norm", d)
        linear(rng, tensors, "pre_classifier", d, d)
    else:
        config = {"architectures": ["BertForSequenceClassification"], "model_type": "bert",
                  "_name_or_path": args.name or "tiny-random-bert", "hidden_act": "gelu", "hidden_size": d,
                  "intermediate_size": f, "num_attention_heads": args.heads,
                  "num_hidden_layers": args.layers, "vocab_size": vocab, "max_position_embeddings": p,
                  "type_vocab_size": 2, "layer_norm_eps": 1e-12, "position_embedding_type": "absolute",
                  "id2label": id2label, "label2id": {v: int(k) for k, v in id2label.items()}}
        e = "bert.embeddings."
        tensors[e + "word_embeddings.weight"] = normal(rng, 1.0, (vocab, d))
        tensors[e + "position_embeddings.weight"] = normal(rng, 0.5, (p, d))
        tensors[e + "token_type_embeddings.weight"] = normal(rng, 0.5, (2, d))
        tensors[e + "position_ids"] = np.arange(p, dtype=np.int64).reshape(1, p)  # an old buffer
        layer_norm(rng, tensors, e + "LayerNorm", d)
        for i in range(args.layers):
            l = f"bert.encoder.layer.{i}."
            for name in ("query", "key", "value"):
                linear(rng, tensors, l + "attention.self." + name, d, d)
            linear(rng, tensors, l + "attention.output.dense", d, d)
            layer_norm(rng, tensors, l + "attention.output.LayerNorm", d)
            linear(rng, tensors, l + "intermediate.dense", f, d)
            linear(rng, tensors, l + "output.dense", d, f)
            layer_norm(rng, tensors, l + "output.LayerNorm", d)
        linear(rng, tensors, "bert.pooler.dense", d, d)
    linear(rng, tensors, "classifier", len(labels), d)
    with open(os.path.join(args.out, "config.json"), "w") as out:
        json.dump(config, out, indent=2)
    write_safetensors(os.path.join(args.out, "model.safetensors"), tensors, args.dtype)


if __name__ == "__main__":
    main()
