"""A toy BERT folder (WordPiece tokenizer + random small BERT) for the transformers tests and benchmark."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from screening.model.transformers_backend import import_backend


def make_tiny_base_model(texts: Sequence[str], folder: str | os.PathLike, seed: int = 0,
                         vocab_size: int = 2000, hidden_size: int = 32, layers: int = 2, heads: int = 2,
                         intermediate_size: int = 64, max_positions: int = 512) -> Path:
    """Train a WordPiece tokenizer on `texts` and save it with a randomly initialised small BERT.

    The result has the layout of a real checkpoint folder (config.json, model.safetensors,
    tokenizer files); it knows no Persian beyond the word pieces, so it only exercises the plumbing.
    """
    torch, transformers = import_backend()
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wordpiece.train_from_iterator(
        list(texts), trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False)
    )
    tokenizer = transformers.BertTokenizerFast(
        tokenizer_object=wordpiece, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=max_positions,
    )
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(out)
    torch.manual_seed(seed)
    config = transformers.BertConfig(
        vocab_size=len(tokenizer), hidden_size=hidden_size, num_hidden_layers=layers,
        num_attention_heads=heads, intermediate_size=intermediate_size,
        max_position_embeddings=max_positions,
    )
    transformers.BertModel(config).save_pretrained(out, safe_serialization=True)
    return out
