"""Optional backend: fine-tune a local Persian language model (e.g. a ParsBERT folder) as the classifier.

Install with `pip install -e '.[transformers]'`. Nothing here imports torch or transformers at module
import time, so the default install never pays for them; they are imported on first use.

What it does, in the terms of docs/MODEL_SPEC.md:

- Input is `doc.normalised.text`; the label is 1 = fruitless.
- Long petitions: "head+tail". A petition longer than the model window keeps its first `head_tokens`
  and its last `tail_tokens` word pieces (Sun et al., 2019, found head+tail the best single-pass choice
  for BERT); `metadata_extra()["long_text"]` says exactly how many of each.
- Fine-tuning is a plain torch loop (AdamW, linear warm-up/decay, gradient clipping), seeded with
  `torch.manual_seed` and deterministic algorithms where torch has them; CPU unless CUDA is available.
- Calibration: Platt scaling, a 1-D LogisticRegression on the logit margin (logit fruitless - logit
  sound), fitted on an internal stratified validation split that the network never trained on.
- Reasons, two kinds, named and worded like the sklearn backend's (weight ≥ 0, sign in `direction`):
  * rule reasons ("s:finding=CODE", "s:missing=FIELD"): each finding / missing Article 51 item present
    in the petition, weighted by its smoothed log-odds ratio with "fruitless" in the training data
    (a description of the archive, not of the network's internals);
  * passage reasons ("passage", span in the user's text): occlusion. The text the model sees is cut
    into at most `occlusion_passages` runs of whole sentences; each is removed in turn and the petition
    rescored in the same batch. The weight is the change in calibrated log-odds, the same scale as the
    rule reasons. Each passage is one more forward pass: negligible on a GPU, about 5x the scoring time
    of a BERT-base on a CPU; `load(..., occlusion_passages=0)` or PETITION_OCCLUSION_PASSAGES=0 turns
    them off without retraining.
- The base model folder is validated up front (config, weights, tokenizer) and always loaded with
  `local_files_only=True` and the hub switched off: nothing is ever downloaded.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np
from sklearn.base import BaseEstimator

from screening.document import Document
from screening.model.features import is_full_petition
from screening.model.files import ModelLoadError
from screening.model.scorer import TrainingDataError
from screening.model.sklearn_backend import missing_label, short_label
from screening.report import ModelInfo, Reason, Span


BACKEND = "transformers"
HF_DIR = "hf"
CALIBRATOR_FILE = "calibrator.skops"
SETTINGS_FILE = "transformers_backend.json"
LONG_TEXT_STRATEGIES = ("head+tail",)
ID2LABEL = {0: "sound", 1: "fruitless"}
LABEL2ID = {v: k for k, v in ID2LABEL.items()}
# Share of the window given to the head when `head_tokens` is not set (Sun et al. 2019: 128 of 510).
HEAD_SHARE = 0.25
# Reasons shown per petition, and the smallest |change in log-odds| a passage needs to be one.
MAX_REASONS = 8
MIN_PASSAGE_WEIGHT = 0.05
INSTALL_HINT = "pip install -e '.[transformers]'"

# Files that make a usable tokenizer, by family: a fast tokenizer file, a WordPiece vocabulary
# (BERT/ParsBERT), a SentencePiece model (ALBERT, XLM-R) or a BPE vocabulary and merges (RoBERTa).
_TOKENIZER_FILE_SETS = (
    ("tokenizer.json",),
    ("vocab.txt",),
    ("spiece.model",),
    ("sentencepiece.bpe.model",),
    ("tokenizer.model",),
    ("vocab.json", "merges.txt"),
)
_WEIGHT_PATTERNS = ("*.safetensors", "*.bin")
_SENTENCE_RE = re.compile(r"[^\n.!?؟]+(?:[.!?؟](?!\d)|\n|$)+")


class BackendUnavailable(TrainingDataError, ImportError):
    """torch / transformers are not installed: the extra is missing. The message is for people."""


class BaseModelError(TrainingDataError):
    """The base model folder is missing or incomplete. `missing` lists what is absent."""

    def __init__(self, path: Path, missing: list[str]):
        self.path = path
        self.missing = missing
        if not missing:  # the folder itself is not there
            fa, en = f"پوشهٔ مدل پایه «{path}» پیدا نشد.", f"Base model folder {path} does not exist."
        else:
            what = "; ".join(missing)
            fa = f"پوشهٔ مدل پایه «{path}» کامل نیست؛ این‌ها در آن نیست: {what}."
            en = f"Base model folder {path} is incomplete, missing: {what}."
        super().__init__(
            f"{fa} {en} Give a local folder saved with save_pretrained (config.json, weights, tokenizer); "
            "nothing is downloaded."
        )


def _backend_message() -> str:
    return (
        "پشتیبان transformers نصب نیست؛ برای آموزش یا بارگذاری این نوع مدل "
        f"«{INSTALL_HINT}» را اجرا کنید. The transformers backend is not installed: run {INSTALL_HINT}."
    )


def require_backend() -> None:
    """Fail early, without importing torch (3 s), when the extra is not installed."""
    import importlib.util

    for module in ("torch", "transformers", "tokenizers"):
        if importlib.util.find_spec(module) is None:
            raise BackendUnavailable(_backend_message())


def import_backend():
    """Import torch and transformers with the model hub switched off, or say how to install them."""
    # Set before transformers/huggingface_hub are imported: they read these once.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise BackendUnavailable(_backend_message()) from exc
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    return torch, transformers


def check_base_model(path: str | os.PathLike) -> Path:
    """Check that `path` is a complete local model folder before any training starts.

    Raises BaseModelError naming every missing piece: the folder, config.json (and its model_type),
    weights (*.safetensors or *.bin), tokenizer files.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise BaseModelError(folder, [])
    missing: list[str] = []
    config = folder / "config.json"
    if not config.is_file():
        missing.append("config.json")
    else:
        try:
            model_type = json.loads(config.read_text(encoding="utf-8")).get("model_type")
        except (ValueError, UnicodeDecodeError, AttributeError):
            model_type = None
            missing.append("a readable config.json (it is not valid JSON)")
        else:
            if not model_type:
                missing.append('"model_type" in config.json')
    if not any(path.is_file() for pattern in _WEIGHT_PATTERNS for path in folder.glob(pattern)):
        missing.append("weights (*.safetensors or *.bin)")
    if not any(all((folder / name).is_file() for name in names) for names in _TOKENIZER_FILE_SETS):
        missing.append(
            "tokenizer files (tokenizer.json, vocab.txt, a SentencePiece *.model or vocab.json+merges.txt)"
        )
    if missing:
        raise BaseModelError(folder, missing)
    return folder


# ---------------------------------------------------------------------------------------------
# Encoding: word pieces, head+tail truncation, special tokens, padding.


class _Encoder:
    """Turns texts into model inputs with head+tail truncation, for any single-sequence tokenizer."""

    def __init__(self, tokenizer: Any, max_length: int, head_tokens: int | None, position_limit: int | None = None):
        self.tokenizer = tokenizer
        # transformers 5 dropped build_inputs_with_special_tokens: learn the template from a probe.
        probe = "ا ب"
        bare = tokenizer(probe, add_special_tokens=False)["input_ids"]
        full = tokenizer(probe, add_special_tokens=True)["input_ids"]
        at = _find_sublist(full, bare)
        if at < 0:
            raise ValueError("cannot place special tokens around the text for this tokenizer")
        self.prefix = list(full[:at])
        self.suffix = list(full[at + len(bare):])
        # The window is the smallest of what was asked, what the tokenizer declares and what the
        # model's position embeddings allow (tokenizers without a limit declare a huge number).
        limits = [int(max_length)]
        model_max = getattr(tokenizer, "model_max_length", None)
        if model_max and model_max < 10**6:
            limits.append(int(model_max))
        if position_limit:
            limits.append(int(position_limit))
        self.window = min(limits)
        self.budget = self.window - len(self.prefix) - len(self.suffix)
        if self.budget < 8:
            raise ValueError(f"max_length {max_length} leaves no room for text")
        head = int(round(self.budget * HEAD_SHARE)) if head_tokens is None else int(head_tokens)
        self.head = max(0, min(head, self.budget))
        self.tail = self.budget - self.head
        pad = tokenizer.pad_token_id
        self.pad_id = int(pad if pad is not None else 0)

    def describe(self) -> dict[str, Any]:
        return {
            "strategy": "head+tail",
            "window": self.window,
            "head_tokens": self.head,
            "tail_tokens": self.tail,
            "note": "longer texts keep their first head_tokens and last tail_tokens word pieces",
        }

    def pieces(self, texts: Sequence[str], offsets: bool = False) -> dict[str, Any]:
        return self.tokenizer(
            list(texts), add_special_tokens=False, truncation=False, return_offsets_mapping=offsets
        )

    def clip(self, ids: list[int]) -> list[int]:
        if len(ids) > self.budget:
            ids = ids[: self.head] + (ids[len(ids) - self.tail:] if self.tail else [])
        return self.prefix + list(ids) + self.suffix

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        return [self.clip(ids) for ids in self.pieces(texts)["input_ids"]]

    def visible_chars(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of `text` that the model sees after head+tail truncation."""
        enc = self.pieces([text], offsets=True)
        offs = enc["offset_mapping"][0]
        if len(offs) <= self.budget:
            return [(0, len(text))]
        ranges = []
        if self.head:
            ranges.append((0, offs[self.head - 1][1]))
        if self.tail:
            ranges.append((offs[len(offs) - self.tail][0], len(text)))
        return ranges

    def batch(self, torch: Any, seqs: Sequence[list[int]], device: Any) -> dict[str, Any]:
        width = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
            mask[i, : len(s)] = 1
        return {"input_ids": ids.to(device), "attention_mask": mask.to(device)}


def _position_limit(config: Any) -> int | None:
    """Longest input the model's position embeddings take (RoBERTa-style models reserve two)."""
    limit = getattr(config, "max_position_embeddings", None)
    if not limit:
        return None
    if "roberta" in str(getattr(config, "model_type", "")) or getattr(config, "model_type", "") == "camembert":
        limit -= 2
    return int(limit)


def _find_sublist(haystack: list[int], needle: list[int]) -> int:
    for i in range(len(haystack) - len(needle) + 1):
        if haystack[i: i + len(needle)] == needle:
            return i
    return -1


# ---------------------------------------------------------------------------------------------
# The fitted network: shared by the estimator (after fit) and the loaded Scorer.


@dataclass
class _Network:
    torch: Any
    model: Any
    tokenizer: Any
    encoder: _Encoder
    calibrator: Any  # LogisticRegression on the 1-D margin
    device: Any
    batch_size: int
    rule_weights: dict[str, float]
    occlusion_passages: int

    def margins(self, texts: Sequence[str]) -> np.ndarray:
        return self.margins_of(self.encoder.encode(texts))

    def margins_of(self, seqs: Sequence[list[int]]) -> np.ndarray:
        """logit(fruitless) - logit(sound) per sequence; batches sorted by length to pad less."""
        torch = self.torch
        out = np.zeros(len(seqs), dtype=np.float64)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        self.model.eval()
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start: start + self.batch_size]
                logits = self.model(**self.encoder.batch(torch, [seqs[i] for i in idx], self.device)).logits
                margin = (logits[:, 1] - logits[:, 0]).float().cpu().numpy()
                out[idx] = margin
        return out

    def calibrated(self, margins: np.ndarray) -> np.ndarray:
        return self.calibrator.predict_proba(np.asarray(margins, dtype=np.float64).reshape(-1, 1))[:, 1]

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.calibrated(self.margins(texts))

    def score_with_reasons(self, doc: Document) -> tuple[float, list[Reason]]:
        text = _text_of(doc)
        passages = self._passages(text) if self.occlusion_passages > 0 else []
        variants = [text] + [_cut(text, s, e) for s, e in passages]
        probs = self.calibrated(self.margins(variants))
        p = float(probs[0])
        reasons = self._rule_reasons(doc)
        for (s, e), p_without in zip(passages, probs[1:]):
            weight = _logit(p) - _logit(float(p_without))
            if abs(weight) < MIN_PASSAGE_WEIGHT:
                continue
            o_start, o_end = doc.normalised.span_to_original(s, e)
            reasons.append(
                Reason(
                    feature="passage",
                    label_fa=(
                        "این بخش از متن به تشخیص مدل زبانی احتمال بی‌نتیجه بودن را "
                        + ("بالا می‌برد" if weight > 0 else "پایین می‌آورد")
                    ),
                    direction="raises" if weight > 0 else "lowers",
                    weight=abs(float(weight)),
                    span=Span(o_start, o_end),
                )
            )
        reasons.sort(key=lambda r: (-r.weight, r.feature))
        return p, reasons[:MAX_REASONS]

    def _rule_reasons(self, doc: Document) -> list[Reason]:
        # Labels as the sklearn backend words them, so a reader sees the same reason either way.
        reasons: list[Reason] = []
        seen: set[str] = set()
        labelled = [(f"s:finding={f.code}", short_label(f.message_fa), f.span) for f in doc.findings]
        labelled += [(f"s:missing={m}", missing_label(m), None)
                     for m in doc.missing_fields]
        for key, label, span in labelled:
            weight = self.rule_weights.get(key)
            if not weight or key in seen:
                continue
            seen.add(key)
            reasons.append(Reason(key, label, "raises" if weight > 0 else "lowers", abs(float(weight)), span))
        return reasons

    def _passages(self, text: str) -> list[tuple[int, int]]:
        """About `occlusion_passages` runs of whole sentences covering the visible text."""
        visible = self.encoder.visible_chars(text)
        sentences = []
        for m in _SENTENCE_RE.finditer(text):
            s, e = _strip(text, m.start(), m.end())
            if e > s and any(s < ve and e > vs for vs, ve in visible):
                sentences.append((s, e))
        if not sentences:
            return []
        total = sum(e - s for s, e in sentences)
        target = max(1, math.ceil(total / self.occlusion_passages))
        groups: list[list[int]] = []
        last_part = -1
        for s, e in sentences:
            # Never join across the stretch that head+tail leaves out: a passage must be one piece.
            part = next(i for i, (vs, ve) in enumerate(visible) if s < ve and e > vs)
            if groups and part == last_part and (groups[-1][1] - groups[-1][0]) + (e - s) <= target:
                groups[-1][1] = e
            else:
                groups.append([s, e])
            last_part = part
        # Uneven sentences can leave too many groups: join the shortest neighbouring pair in one part.
        parts = [next(i for i, (vs, ve) in enumerate(visible) if g[0] < ve and g[1] > vs) for g in groups]
        while len(groups) > self.occlusion_passages:
            pairs = [(groups[i + 1][1] - groups[i][0], i) for i in range(len(groups) - 1) if parts[i] == parts[i + 1]]
            if not pairs:
                break
            _, i = min(pairs)
            groups[i][1] = groups[i + 1][1]
            del groups[i + 1], parts[i + 1]
        return [(s, e) for s, e in groups]


def _text_of(doc: Document) -> str:
    if doc.normalised is None:
        raise ValueError("document has not been normalised: run the core pipeline steps first")
    return doc.normalised.text


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _rule_features(doc: Document) -> set[str]:
    """Findings, and the missing Article 51 items only for a text read as a full petition form:
    a court's restatement of a claim misses most items, which says nothing about the claim."""
    feats = {f"s:finding={f.code}" for f in doc.findings}
    if is_full_petition(doc):
        feats |= {f"s:missing={m}" for m in doc.missing_fields}
    return feats


def rule_log_odds(docs: Sequence[Document], y: np.ndarray) -> dict[str, float]:
    """Smoothed (+0.5) log-odds ratio of fruitless with vs without each finding / missing field."""
    feats = [_rule_features(d) for d in docs]
    y = np.asarray(y, dtype=int)
    weights: dict[str, float] = {}
    for key in sorted(set().union(*feats)) if feats else []:
        has = np.array([key in f for f in feats])
        a, b = float(np.sum(has & (y == 1))), float(np.sum(has & (y == 0)))
        c, d = float(np.sum(~has & (y == 1))), float(np.sum(~has & (y == 0)))
        weights[key] = round(math.log((a + 0.5) / (b + 0.5)) - math.log((c + 0.5) / (d + 0.5)), 4)
    return weights


@contextlib.contextmanager
def _deterministic(torch: Any, seed: int) -> Iterator[None]:
    """Seed every RNG and ask torch for deterministic kernels, restoring its setting afterwards."""
    was = torch.are_deterministic_algorithms_enabled()
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(was)


def _device(torch: Any, device: str) -> Any:
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(device)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# The estimator.


class TransformersBackend(BaseEstimator):
    """Fine-tunes a sequence classifier from a local model folder; estimator-like (docs/MODEL_SPEC.md).

    base_model: folder saved with save_pretrained (config.json, weights, tokenizer); never downloaded.
    max_length: model window in word pieces, special tokens included (capped by the model's own).
    head_tokens: word pieces kept from the start of a long text (default a quarter of the window).
    validation_fraction: share of the training rows held back to fit the Platt calibrator.
    class_weight: "balanced" weighs the loss by inverse class frequency; None weighs rows equally.
    device: "auto" (CUDA if available, else CPU), "cpu" or "cuda".
    occlusion_passages: passages occluded to explain one petition (0 turns passage reasons off).
    """

    def __init__(
        self,
        base_model: str | os.PathLike,
        seed: int = 0,
        max_length: int = 512,
        epochs: int = 3,
        batch_size: int = 16,
        long_text: str = "head+tail",
        learning_rate: float = 5e-5,
        head_tokens: int | None = None,
        validation_fraction: float = 0.2,
        class_weight: str | None = "balanced",
        device: str = "auto",
        occlusion_passages: int = 6,
    ):
        # Checked here, not only in fit: training screens every petition first, which can take minutes.
        require_backend()
        check_base_model(base_model)
        self.base_model = base_model
        self.seed = seed
        self.max_length = max_length
        self.epochs = epochs
        self.batch_size = batch_size
        self.long_text = long_text
        self.learning_rate = learning_rate
        self.head_tokens = head_tokens
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.device = device
        self.occlusion_passages = occlusion_passages

    # -- fit ------------------------------------------------------------------------------------

    def fit(self, docs: Sequence[Document], y: Sequence[int], groups: Sequence[Any] | None = None) -> "TransformersBackend":
        if self.long_text not in LONG_TEXT_STRATEGIES:
            raise ValueError(f"long_text must be one of {LONG_TEXT_STRATEGIES}, not {self.long_text!r}")
        folder = check_base_model(self.base_model)
        torch, transformers = import_backend()
        texts = [_text_of(d) for d in docs]
        y = np.asarray(y, dtype=int)
        if len(texts) != len(y):
            raise ValueError("docs and y differ in length")
        train_idx, val_idx = self._split(y, groups)

        with _deterministic(torch, int(self.seed)):
            device = _device(torch, self.device)
            tokenizer = transformers.AutoTokenizer.from_pretrained(
                folder, local_files_only=True, trust_remote_code=False
            )
            model = transformers.AutoModelForSequenceClassification.from_pretrained(
                folder,
                num_labels=2,
                id2label=ID2LABEL,
                label2id=LABEL2ID,
                local_files_only=True,
                trust_remote_code=False,
                ignore_mismatched_sizes=True,  # a checkpoint may carry a head with another label count
            ).to(device)
            encoder = _Encoder(tokenizer, int(self.max_length), self.head_tokens, _position_limit(model.config))
            seqs = encoder.encode([texts[i] for i in train_idx])
            losses = self._train(torch, model, encoder, seqs, y[train_idx], device)

            network = _Network(
                torch=torch, model=model, tokenizer=tokenizer, encoder=encoder, calibrator=None,
                device=device, batch_size=int(self.batch_size),
                rule_weights=rule_log_odds(docs, y), occlusion_passages=int(self.occlusion_passages),
            )
            val_margins = network.margins([texts[i] for i in val_idx])
        network.calibrator = _platt(val_margins, y[val_idx], int(self.seed))
        self.network_ = network
        self.training_ = {
            "epochs": int(self.epochs), "batch_size": int(self.batch_size),
            "learning_rate": float(self.learning_rate), "class_weight": self.class_weight,
            "train_rows": int(len(train_idx)), "device": device.type,
            "loss_per_epoch": [round(x, 4) for x in losses], "seed": int(self.seed),
        }
        self.calibration_ = {
            "method": "platt (logistic regression on the logit margin)",
            "fitted_on": "internal stratified validation split, not used for fine-tuning",
            "rows": int(len(val_idx)), "validation_fraction": float(self.validation_fraction),
        }
        self.base_model_info_ = _describe_base(folder)
        return self

    def _split(self, y: np.ndarray, groups: Sequence[Any] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The calibration split, never used for fine-tuning; with `groups` (near-duplicate texts,
        docs/MODEL_SPEC.md) a group is never on both sides."""
        from sklearn.model_selection import StratifiedGroupKFold, StratifiedShuffleSplit

        counts = np.bincount(y, minlength=2)
        if len(counts) > 2 or counts.min() < 2:
            raise ValueError(
                "به دست‌کم دو نمونهٔ «بی‌نتیجه» و دو نمونهٔ «سالم» نیاز است. "
                f"Need labels 0/1 with at least 2 of each (got {counts.tolist()})."
            )
        n_val = max(2, int(round(len(y) * float(self.validation_fraction))))
        n_val = min(n_val, len(y) - 2)
        if groups is not None:
            k = max(2, int(round(1.0 / max(float(self.validation_fraction), 1e-3))))
            k = min(k, int(counts.min()))
            gsplit = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=int(self.seed))
            train_idx, val_idx = next(gsplit.split(np.zeros(len(y)), y, list(groups)))
        else:
            split = StratifiedShuffleSplit(n_splits=1, test_size=n_val, random_state=int(self.seed))
            train_idx, val_idx = next(split.split(np.zeros(len(y)), y))
        if len(np.unique(y[val_idx])) < 2:
            raise ValueError("validation split has one class only; give more labelled rows")
        return np.sort(train_idx), np.sort(val_idx)

    def _train(self, torch: Any, model: Any, encoder: _Encoder, seqs: list[list[int]], y: np.ndarray,
               device: Any) -> list[float]:
        n = len(seqs)
        bs = max(1, int(self.batch_size))
        steps_per_epoch = math.ceil(n / bs)
        total = max(1, steps_per_epoch * int(self.epochs))
        warmup = max(1, int(0.1 * total))
        optimiser = torch.optim.AdamW(model.parameters(), lr=float(self.learning_rate), weight_decay=0.01)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
        )
        weight = None
        if self.class_weight == "balanced":
            counts = np.bincount(y, minlength=2).astype(np.float64)
            weight = torch.tensor(n / (2.0 * np.maximum(counts, 1)), dtype=torch.float32, device=device)
        elif self.class_weight is not None:
            raise ValueError('class_weight must be "balanced" or None')
        loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
        labels = torch.tensor(y, dtype=torch.long)
        order_rng = torch.Generator().manual_seed(int(self.seed))
        losses: list[float] = []
        model.train()
        for _ in range(int(self.epochs)):
            order = torch.randperm(n, generator=order_rng).tolist()
            running, batches = 0.0, 0
            for start in range(0, n, bs):
                idx = order[start: start + bs]
                inputs = encoder.batch(torch, [seqs[i] for i in idx], device)
                logits = model(**inputs).logits
                loss = loss_fn(logits, labels[idx].to(device))
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                running += float(loss.detach().cpu())
                batches += 1
            losses.append(running / max(1, batches))
        model.eval()
        return losses

    # -- use ------------------------------------------------------------------------------------

    def _fitted(self) -> _Network:
        network = getattr(self, "network_", None)
        if network is None:
            raise RuntimeError("TransformersBackend is not fitted yet")
        return network

    def predict_proba(self, docs: Sequence[Document]) -> np.ndarray:
        """Calibrated probability that each petition is fruitless, shape (n,)."""
        return self._fitted().proba([_text_of(d) for d in docs])

    def explain(self, doc: Document) -> list[Reason]:
        return self._fitted().score_with_reasons(doc)[1]

    def params(self) -> dict[str, Any]:
        """Constructor parameters for metadata.json; the base model by folder name only."""
        params = self.get_params()
        params["base_model"] = Path(self.base_model).name
        return params

    def metadata_extra(self) -> dict[str, Any]:
        """What metadata.json needs from this backend, beyond what train.py records itself.

        Library versions are not here: train.py records torch / transformers / tokenizers.
        """
        network = self._fitted()
        return {
            "backend": BACKEND,
            "long_text": network.encoder.describe(),
            "base_model": self.base_model_info_,
            "calibration": self.calibration_,
            "training": self.training_,
            "explanations": _EXPLANATIONS,
        }

    def save(self, directory: str | os.PathLike) -> dict[str, str]:
        """Write hf/, calibrator.skops and transformers_backend.json; return {relative path: sha256}."""
        import skops.io as sio

        network = self._fitted()
        out = Path(directory)
        hf = out / HF_DIR
        hf.mkdir(parents=True, exist_ok=True)
        network.model.save_pretrained(hf, safe_serialization=True)
        network.tokenizer.save_pretrained(hf)
        sio.dump(network.calibrator, out / CALIBRATOR_FILE)
        settings = {
            "backend": BACKEND,
            "long_text": network.encoder.describe(),
            "max_length": int(self.max_length),
            "head_tokens": network.encoder.head,
            "batch_size": network.batch_size,
            "occlusion_passages": network.occlusion_passages,
            "rule_weights": network.rule_weights,
            "labels": {str(k): v for k, v in ID2LABEL.items()},
        }
        (out / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=2, sort_keys=True),
                                         encoding="utf-8")
        files = [SETTINGS_FILE, CALIBRATOR_FILE] + [
            p.relative_to(out).as_posix() for p in sorted(hf.rglob("*")) if p.is_file()
        ]
        return {rel: _sha256(out / rel) for rel in sorted(files)}


_EXPLANATIONS = (
    "rule reasons: findings / missing fields weighted by their log-odds ratio with fruitless in the "
    "training data; passage reasons: occlusion of sentence runs, weight = change in calibrated log-odds"
)


def _platt(margins: np.ndarray, y: np.ndarray, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, random_state=seed).fit(np.asarray(margins).reshape(-1, 1), y)


def _describe_base(folder: Path) -> dict[str, Any]:
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return {
        "folder_name": folder.resolve().name,  # a name only: local paths may say who trained it
        "model_type": config.get("model_type"),
        "config_sha256": _sha256(folder / "config.json"),
    }


# ---------------------------------------------------------------------------------------------
# Loading a model directory (called by screening.model.io.load_model after its checks).

_CALIBRATOR_TYPES = ["sklearn.linear_model._logistic.LogisticRegression"]


class TransformersScorer:
    """The Scorer the pipeline calls for a transformers model directory."""

    def __init__(self, network: _Network, info: ModelInfo, thresholds: dict[str, float],
                 long_text: dict[str, Any]):
        self.network = network
        self.info = info
        self.thresholds = thresholds
        self.long_text = long_text

    def score(self, doc: Document) -> tuple[float, list[Reason]]:
        return self.network.score_with_reasons(doc)

    def score_many(self, docs: list[Document]) -> list[tuple[float, list[Reason]]]:
        return [self.network.score_with_reasons(d) for d in docs]

    def predict_proba(self, docs: Sequence[Document]) -> np.ndarray:
        """Probabilities only (no occlusion passes): for batch evaluation and benchmarks."""
        return self.network.proba([_text_of(d) for d in docs])


OCCLUSION_ENV = "PETITION_OCCLUSION_PASSAGES"


def load(path: str | os.PathLike, metadata: dict[str, Any], device: str = "auto",
         occlusion_passages: int | None = None) -> TransformersScorer:
    """Load a transformers model directory. Hashes and versions were checked by io.load_model.

    occlusion_passages: passages occluded per petition for passage reasons; None = the environment
    variable PETITION_OCCLUSION_PASSAGES if set, else what the model was trained with. Each passage
    costs one more forward pass: cheap on a GPU, about 5x the scoring time of a BERT-base on a CPU,
    where 0 (rule reasons only) keeps the form responsive.
    """
    import skops.io as sio


    folder = Path(path)
    settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    try:
        torch, transformers = import_backend()
    except BackendUnavailable as exc:
        raise ModelLoadError(str(exc)) from exc
    dev = _device(torch, device)
    tokenizer = transformers.AutoTokenizer.from_pretrained(
        folder / HF_DIR, local_files_only=True, trust_remote_code=False
    )
    model = transformers.AutoModelForSequenceClassification.from_pretrained(
        folder / HF_DIR, local_files_only=True, use_safetensors=True, trust_remote_code=False
    ).to(dev)
    model.eval()
    untrusted = set(sio.get_untrusted_types(file=folder / CALIBRATOR_FILE)) - set(_CALIBRATOR_TYPES)
    if untrusted:
        raise ValueError(f"calibrator.skops holds unexpected types: {sorted(untrusted)}")
    calibrator = sio.load(folder / CALIBRATOR_FILE, trusted=_CALIBRATOR_TYPES)
    # The window as trained: the settings file says it, whatever the tokenizer now declares.
    encoder = _Encoder(tokenizer, int(settings["long_text"]["window"]), settings.get("head_tokens"),
                       _position_limit(model.config))
    network = _Network(
        torch=torch, model=model, tokenizer=tokenizer, encoder=encoder, calibrator=calibrator, device=dev,
        batch_size=int(settings.get("batch_size", 16)),
        rule_weights={k: float(v) for k, v in settings.get("rule_weights", {}).items()},
        occlusion_passages=_occlusion(occlusion_passages, settings),
    )
    info = ModelInfo(name=str(metadata.get("name", folder.name)), version=str(metadata.get("version", "")),
                     backend=BACKEND, quality_fa=metadata.get("quality_fa"))
    thresholds = {k: float(v) for k, v in metadata.get("thresholds", {}).items()}
    return TransformersScorer(network, info, thresholds, encoder.describe())


def _occlusion(asked: int | None, settings: dict[str, Any]) -> int:
    if asked is not None:
        return max(0, int(asked))
    env = os.environ.get(OCCLUSION_ENV, "").strip()
    if env:
        try:
            return max(0, int(env))
        except ValueError:
            raise ValueError(f"{OCCLUSION_ENV} must be a whole number, not {env!r}") from None
    return int(settings.get("occlusion_passages", 0))
