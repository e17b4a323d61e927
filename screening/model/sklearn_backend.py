"""The default backend: calibrated logistic regression over `DocumentFeatures`.

Training uses scikit-learn's `CalibratedClassifierCV(LogisticRegression, method="sigmoid")`:
five logistic regressions, each with a Platt calibrator fitted on the fold it did not see,
averaged. What is saved is the same model in compact form (`LinearCalibratedModel`): the
five weight vectors, intercepts and calibrator parameters, so that scoring one petition is
one sparse dot product per fold instead of five rounds of scikit-learn input validation
(≈0.1 ms each). A test checks that both give the same probabilities.

Explanations: the contribution of a feature is (averaged calibrated weight) × (its value).
Word and character n-gram contributions are attributed to the words they occur in, so a
reason reads «واژه «چک»» with the span of that word in the user's text; structured
features carry the core's own labels (finding messages, evidence names).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from screening.model.features import DocFeatures, DocumentFeatures
from screening.model.files import ModelLoadError, sha256_file
from screening.knowledge.fields import FIELD_BY_CODE
from screening.report import ModelInfo, Reason, Span

# Labels of the placeholder tokens of `features.tokenize`.
WORD_LABELS_FA = {"#": "عدد یا مبلغ در متن", "@": "نام طرفین"}

# Reasons with a smaller absolute contribution than this are noise, not reasons.
MIN_REASON_WEIGHT = 0.01


def missing_label(code: str) -> str:
    """A missing Article 51 item as a reason reads it."""
    field = FIELD_BY_CODE.get(code)
    return field.missing_fa if field else f"«{code}» مشخص نشده"


def short_label(message: str, limit: int = 90) -> str:
    """The first clause of a finding message: enough to name the reason."""
    first = re.split(r"[.؛:]\s", message, maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class LinearCalibratedModel:
    """Averaged Platt-calibrated linear models over `DocumentFeatures` (what `model.skops` holds)."""

    def __init__(
        self,
        features: DocumentFeatures,
        coef: np.ndarray,  # (k, n_features) float32
        intercept: np.ndarray,  # (k,)
        cal_a: np.ndarray,  # (k,) Platt: p = 1 / (1 + exp(a·f + b))
        cal_b: np.ndarray,  # (k,)
        word_is_unigram: np.ndarray,  # (n_word,) bool
        top_k: int = 8,
    ):
        self.features = features
        self.coef = coef
        self.intercept = intercept
        self.cal_a = cal_a
        self.cal_b = cal_b
        self.word_is_unigram = word_is_unigram
        self.top_k = top_k
        # (1/k) Σ -a_k w_k: the direction and size in which each feature moves the score.
        self.effective_coef = (-(cal_a[:, None]) * coef).mean(axis=0).astype(np.float64)

    @classmethod
    def from_calibrated(cls, features: DocumentFeatures, calibrated: Any, top_k: int = 8) -> "LinearCalibratedModel":
        coefs, intercepts, a, b = [], [], [], []
        for cc in calibrated.calibrated_classifiers_:
            est = cc.estimator
            coefs.append(np.asarray(est.coef_[0], dtype=np.float32))
            intercepts.append(float(est.intercept_[0]))
            cal = cc.calibrators[0]
            a.append(float(cal.a_))
            b.append(float(cal.b_))
        names = features.word_.feature_names()
        return cls(
            features=features,
            coef=np.vstack(coefs),
            intercept=np.asarray(intercepts),
            cal_a=np.asarray(a),
            cal_b=np.asarray(b),
            word_is_unigram=np.array([" " not in g for g in names], dtype=bool),
            top_k=top_k,
        )

    # -- state for skops: the derived array is rebuilt, not stored ------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("effective_coef", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.effective_coef = (-(self.cal_a[:, None]) * self.coef).mean(axis=0).astype(np.float64)

    # -- scoring --------------------------------------------------------------------------
    def _proba(self, f: DocFeatures) -> float:
        margins = self.coef[:, f.indices].astype(np.float64) @ f.values + self.intercept
        return float(np.mean(_expit(-(self.cal_a * margins + self.cal_b))))

    def predict_proba(self, docs: Sequence[Any]) -> np.ndarray:
        return np.array([self._proba(self.features.features(d)) for d in docs])

    def score(self, doc: Any) -> tuple[float, list[Reason]]:
        f = self.features.features(doc)
        return self._proba(f), self._explain(doc, f)

    def explain(self, doc: Any) -> list[Reason]:
        return self._explain(doc, self.features.features(doc))

    # -- explanations ---------------------------------------------------------------------
    def _explain(self, doc: Any, f: DocFeatures) -> list[Reason]:
        word_off, char_off, struct_off = self.features.offsets
        w = self.effective_coef
        candidates: list[tuple[float, str, str, Span | None]] = []

        # Text: each n-gram's contribution is spread over the distinct words it occurs in,
        # in proportion to its occurrences (a bigram's half to each of its two words).
        words = f.tokens.unique
        word_score = np.zeros(len(words))
        for block, off in ((f.word, word_off), (f.char, char_off)):
            if block is None or block.ids.size == 0:
                continue
            per_unit = np.zeros(block.elements.ids.max() + 1 if block.elements.ids.size else 0)
            per_unit[block.ids] = w[block.ids + off] * block.values / block.counts
            el = block.elements
            share = per_unit[el.ids] * el.weights
            if el.owner2 is None:
                word_score += np.bincount(el.owner1, weights=share, minlength=len(words))
            else:
                two = el.owner2 >= 0
                half = np.where(two, share / 2, share)
                word_score += np.bincount(el.owner1, weights=half, minlength=len(words))
                if two.any():
                    word_score += np.bincount(el.owner2[two], weights=share[two] / 2, minlength=len(words))

        if len(words):
            k = min(self.top_k, len(words))
            top = np.argpartition(-np.abs(word_score), k - 1)[:k] if k < len(words) else np.arange(len(words))
            nt = getattr(doc, "normalised", None)
            for j in top.tolist():
                score = float(word_score[j])
                if abs(score) < MIN_REASON_WEIGHT:
                    continue
                word = words[j]
                span = None
                where = f.tokens.span_of(word)
                if where is not None and nt is not None:
                    span = Span(*nt.span_to_original(*where))
                label = WORD_LABELS_FA.get(word) or f"واژه «{word}»"
                candidates.append((score, f"text:{word}", label, span))

        # Structured features; features that read the same to people (the claim value's
        # presence and size) become one reason.
        # A missing key document is seen twice by the core (the MISSING_EVIDENCE finding and
        # the checklist line); the regularised model splits its weight between the two, so
        # they are one reason, under the finding's words.
        merged: dict[str, list] = {}
        has_evidence_finding = "finding=MISSING_EVIDENCE" in f.structured
        for name, value in f.structured.items():
            j = self.features.structured_.vocabulary_.get(name)
            if j is None:
                continue
            contrib = float(w[struct_off + j] * value)
            if has_evidence_finding and name.startswith("evidence_missing="):
                name = "finding=MISSING_EVIDENCE"
            label, span = _structured_label(doc, name)
            entry = merged.get(label)
            if entry is None:
                merged[label] = [contrib, f"s:{name}", span]
            else:
                entry[0] += contrib
        # Features that always occur together in training get equal weights under L2 and say
        # the same thing (e.g. a finding and the checklist line behind it): one reason, named
        # by the finding when there is one.
        by_weight: dict[float, list] = {}
        for label, (contrib, feat, span) in merged.items():
            by_weight.setdefault(round(contrib, 9), []).append((contrib, feat, label, span))
        for group in by_weight.values():
            if len(group) == 1 or abs(group[0][0]) < 1e-9:
                candidates.extend(group)
                continue
            group.sort(key=lambda c: (not c[1].startswith("s:finding="), c[1]))
            _, feat, label, span = group[0]
            candidates.append((sum(c[0] for c in group), feat, label, span))

        candidates = [c for c in candidates if abs(c[0]) >= MIN_REASON_WEIGHT]
        candidates.sort(key=lambda c: (-abs(c[0]), c[1]))
        return [
            Reason(feature=feat, label_fa=label, direction="raises" if score > 0 else "lowers", weight=abs(score), span=span)
            for score, feat, label, span in candidates[: self.top_k]
        ]


def _structured_label(doc: Any, name: str) -> tuple[str, Span | None]:
    """A Persian label (and a span when the core gave one) for a structured feature."""
    key, _, value = name.partition("=")
    if key == "finding":
        if value == "MISSING_EVIDENCE":
            missing = [e.label_fa for e in getattr(doc, "evidence_checklist", None) or [] if e.key and not e.present]
            if len(missing) > 1:
                first = next((f.span for f in doc.findings if f.code == value), None)
                return "مدارک اصلی دعوا در دلایل نیامده: " + "، ".join(missing), first
        for f in getattr(doc, "findings", None) or []:
            if f.code == value:
                return short_label(f.message_fa), f.span
        return value, None
    if key == "missing":
        return missing_label(value), None
    if key == "evidence_missing":
        for e in getattr(doc, "evidence_checklist", None) or []:
            if e.code == value:
                return f"نبود {e.label_fa}", None
        return f"نبود مدرک «{value}»", None
    if key == "claim_type":
        ct = getattr(doc, "claim_type", None)
        return f"نوع دعوا: {ct.label_fa if ct else value}", None
    if key == "forum":
        forum = getattr(doc, "forum", None)
        return f"مرجع رسیدگی: {forum.label_fa if forum else value}", None
    fields = getattr(doc, "fields", None)
    span = None
    if fields is not None:
        span = (fields.spans or {}).get("claim_value") or (fields.spans or {}).get("claim_value_rial")
    if key in ("value_log10", "value_present"):
        v = getattr(fields, "claim_value_rial", None)
        return (f"بهای خواسته: {v:,} ریال" if v else "بهای خواسته"), span
    if key == "value_absent":
        return "بهای خواسته معلوم نیست", None
    return name, None


class SklearnBackend:
    """Estimator-like backend (MODEL_SPEC.md): fit / predict_proba / explain / save."""

    name = "sklearn"

    def __init__(
        self,
        seed: int = 13,
        C: float = 4.0,
        cv: int = 5,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 4),
        word_max_features: int | None = 20_000,
        char_max_features: int | None = 30_000,
        min_df: int = 2,
        use_char: bool = True,
        top_k: int = 8,
    ):
        self.seed = seed
        self.C = C
        self.cv = cv
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.word_max_features = word_max_features
        self.char_max_features = char_max_features
        self.min_df = min_df
        self.use_char = use_char
        self.top_k = top_k

    def params(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "C": self.C,
            "cv": self.cv,
            "word_ngram_range": list(self.word_ngram_range),
            "char_ngram_range": list(self.char_ngram_range),
            "word_max_features": self.word_max_features,
            "char_max_features": self.char_max_features,
            "min_df": self.min_df,
            "use_char": self.use_char,
        }

    def fit(self, docs: Sequence[Any], y: Sequence[int]) -> "SklearnBackend":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        y = np.asarray(y, dtype=int)
        minority = int(min(np.bincount(y, minlength=2)))
        if minority < 2:
            raise ValueError("training needs at least 2 examples of each class (fruitless and not)")
        features = DocumentFeatures(
            word_ngram_range=self.word_ngram_range,
            char_ngram_range=self.char_ngram_range,
            word_max_features=self.word_max_features,
            char_max_features=self.char_max_features,
            min_df=self.min_df,
            use_char=self.use_char,
        ).fit(docs)
        X = features.transform(docs)
        folds = StratifiedKFold(n_splits=min(self.cv, minority), shuffle=True, random_state=self.seed)
        # liblinear's dual solver: far faster here, where features outnumber petitions.
        base = LogisticRegression(C=self.C, solver="liblinear", dual=True, random_state=self.seed, max_iter=5000)
        calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=folds).fit(X, y)
        self.model_ = LinearCalibratedModel.from_calibrated(features, calibrated, top_k=self.top_k)
        self.calibrated_ = calibrated  # kept for the equivalence test; not saved
        return self

    def predict_proba(self, docs: Sequence[Any]) -> np.ndarray:
        return self.model_.predict_proba(docs)

    def explain(self, doc: Any) -> list[Reason]:
        return self.model_.explain(doc)

    def save(self, directory: str | Path) -> dict[str, str]:
        """Write `model.skops` into `directory`; returns {relative path: sha256}."""
        import skops.io as sio


        path = Path(directory) / MODEL_FILE
        sio.dump(self.model_, path)
        return {MODEL_FILE: sha256_file(path)}

    def metadata_extra(self) -> dict[str, Any]:
        return {"backend": "sklearn"}


MODEL_FILE = "model.skops"

# Every type `model.skops` may hold. Loading refuses anything else (skops' explicit trust list).
TRUSTED_TYPES = [
    "screening.model.features.DocumentFeatures",
    "screening.model.features.NgramTfidf",
    "screening.model.features.StructuredVectorizer",
    "screening.model.sklearn_backend.LinearCalibratedModel",
]


class SklearnScorer:
    """A loaded sklearn model directory: what the pipeline's score step calls."""

    def __init__(self, model: LinearCalibratedModel, info: ModelInfo, thresholds: dict[str, float]):
        self.model = model
        self.info = info
        self.thresholds = thresholds

    def score(self, doc: Any) -> tuple[float, list[Reason]]:
        return self.model.score(doc)

    def score_many(self, docs: Sequence[Any]) -> list[tuple[float, list[Reason]]]:
        return [self.model.score(d) for d in docs]

    def predict_proba(self, docs: Sequence[Any]) -> np.ndarray:
        return self.model.predict_proba(docs)


def load(path: str | Path, metadata: dict[str, Any]) -> SklearnScorer:
    """Load `model.skops` trusting only our own types (plus numpy/builtins skops trusts)."""
    import skops.io as sio


    file = Path(path) / MODEL_FILE
    untrusted = sio.get_untrusted_types(file=file)
    unknown = [t for t in untrusted if t not in TRUSTED_TYPES]
    if unknown:
        raise ModelLoadError(
            "فایل مدل انواع ناشناخته‌ای دارد و بارگذاری نمی‌شود "
            f"(model file holds types we do not trust: {', '.join(unknown)})"
        )
    model = sio.load(file, trusted=[t for t in untrusted if t in TRUSTED_TYPES])
    if not isinstance(model, LinearCalibratedModel):
        raise ModelLoadError("فایل مدل معتبر نیست (model.skops does not hold a LinearCalibratedModel)")
    info = ModelInfo(name=metadata["name"], version=metadata["version"], backend="sklearn")
    return SklearnScorer(model, info, dict(metadata["thresholds"]))
