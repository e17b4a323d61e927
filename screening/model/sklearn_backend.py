"""The default backend: calibrated logistic regression over `DocumentFeatures`.

Training uses scikit-learn's `CalibratedClassifierCV(LogisticRegression, method="sigmoid",
ensemble=False)`: one logistic regression fitted on all the training rows, and one Platt
calibrator fitted on its out-of-fold margins (folds grouped so that near-duplicate texts stay
together). What is saved is the same model in compact form (`LinearCalibratedModel`): weights,
intercept and calibrator parameters, so that scoring is one sparse product instead of rounds
of scikit-learn input validation (≈0.1 ms each). A test checks that both give the same
probabilities.

Honest probabilities (docs/MODEL_SPEC.md): the model also keeps the centroid of its training
texts in word tf-idf space. An input's *familiarity* is its cosine to that centroid divided by
the cosine that 90 % of the training texts reach (capped at 1). The calibrated score is pulled
toward the real base rate of the claim's type as familiarity falls,
`p = base + familiarity × (p_calibrated − base)`, and kept within `clip` (0.05–0.95 by default:
a few hundred rulings cannot support surer figures).

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
from sklearn.base import BaseEstimator

from screening.model.claim_features import LABELS_FA as CLAIM_FEATURE_LABELS_FA
from screening.model.features import DocFeatures, DocumentFeatures
from screening.model.files import ModelLoadError, sha256_file
from screening.model.lexicon import is_excluded
from screening.model.scorer import Score
from screening.knowledge.fields import FIELD_BY_CODE
from screening.report import ModelInfo, Reason, Span

# Labels of the placeholder tokens of `features.tokenize`.
WORD_LABELS_FA = {"#": "عدد یا مبلغ در متن", "@": "نام طرفین"}

# Reasons with a smaller absolute contribution than this are noise, not reasons.
MIN_REASON_WEIGHT = 0.01

# A claim type needs this many training rulings for its own base rate; fewer → the overall rate.
MIN_TYPE_RULINGS = 10
# Below this familiarity the report carries an `unfamiliar` caveat.
UNFAMILIAR_BELOW = 0.5
# The share of training texts whose cosine to the centroid counts as "familiar" (familiarity 1).
FAMILIAR_SHARE = 0.9
UNFAMILIAR_FA = ("این متن به متن‌هایی که مدل با آن‌ها آموخته (شرح خواسته در آرای واقعی) شباهت کمی دارد؛ "
                 "از این رو احتمال به نرخ پایه این نوع دعوا نزدیک شده و باید با احتیاط خوانده شود.")


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
    """Platt-calibrated linear model(s) over `DocumentFeatures`, with familiarity and base rates (what `model.skops` holds)."""

    def __init__(
        self,
        features: DocumentFeatures,
        coef: np.ndarray,  # (k, n_features) float32
        intercept: np.ndarray,  # (k,)
        cal_a: np.ndarray,  # (k,) Platt: p = 1 / (1 + exp(a·f + b))
        cal_b: np.ndarray,  # (k,)
        word_is_unigram: np.ndarray,  # (n_word,) bool
        top_k: int = 8,
        centroid: np.ndarray | None = None,  # (n_word,) float32, unit norm; None: no familiarity
        familiar_cosine: float = 0.0,
        base_rates: dict[str, list[float]] | None = None,  # claim type → [n, fruitless rate]; "all" too
        clip: tuple[float, float] = (0.0, 1.0),
    ):
        self.features = features
        self.coef = coef
        self.intercept = intercept
        self.cal_a = cal_a
        self.cal_b = cal_b
        self.word_is_unigram = word_is_unigram
        self.top_k = top_k
        self.centroid = centroid
        self.familiar_cosine = float(familiar_cosine)
        self.base_rates = dict(base_rates or {})
        self.clip = (float(clip[0]), float(clip[1]))
        self._derive()

    def _derive(self) -> None:
        # (1/k) Σ -a_k w_k: the direction and size in which each feature moves the score.
        self.effective_coef = (-(self.cal_a[:, None]) * self.coef).mean(axis=0).astype(np.float64)
        self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)  # (n_features, k) for batches

    @classmethod
    def from_calibrated(cls, features: DocumentFeatures, calibrated: Any, top_k: int = 8, **extra: Any) -> "LinearCalibratedModel":
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
            **extra,
        )

    # -- state for skops: the derived array is rebuilt, not stored ------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("effective_coef", None)
        state.pop("_coef_t", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = {"centroid": None, "familiar_cosine": 0.0, "base_rates": {}, "clip": (0.0, 1.0), **state}
        state["clip"] = tuple(state["clip"])
        self.__dict__.update(state)
        self._derive()

    # -- scoring --------------------------------------------------------------------------
    def _calibrated(self, margins: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from margins of shape (n, k) → (n,)."""
        return _expit(-(self.cal_a * margins + self.cal_b)).mean(axis=1)

    def calibrated_proba(self, feats: Sequence[DocFeatures]) -> np.ndarray:
        """The calibrated probability before familiarity and clipping (what scikit-learn would give)."""
        if not feats:
            return np.zeros(0)
        if len(feats) == 1:
            # One document: a gather and a dot product, without building a sparse matrix.
            f = feats[0]
            margins = (self.coef[:, f.indices].astype(np.float64) @ f.values + self.intercept)[None, :]
        else:
            X = self.features.matrix(feats)
            margins = np.asarray(X @ self._coef_t) + self.intercept
        return self._calibrated(margins)

    def familiarity(self, f: DocFeatures) -> float | None:
        """Cosine of the text's word tf-idf to the training centroid, relative to the training texts' (0–1)."""
        if self.centroid is None or self.familiar_cosine <= 0:
            return None
        cos = float(self.centroid[f.word.ids] @ f.word.values) if f.word.ids.size else 0.0
        return min(max(cos / self.familiar_cosine, 0.0), 1.0)

    def base_rate(self, doc: Any) -> dict[str, Any] | None:
        """The real fruitless rate of the claim's type in the training rulings (the overall rate for rare types)."""
        ct = getattr(getattr(doc, "claim_type", None), "code", None)
        row = self.base_rates.get(ct) if ct else None
        key = ct
        if row is None or row[0] < MIN_TYPE_RULINGS:
            row, key = self.base_rates.get("all"), "all"
        if row is None:
            return None
        return {"claim_type": key, "n": int(row[0]), "fruitless_rate": round(float(row[1]), 4)}

    def _finish(self, doc: Any, f: DocFeatures, p: float, reasons: list[Reason]) -> Score:
        fam = self.familiarity(f)
        base = self.base_rate(doc)
        caveat = None
        if fam is not None and base is not None:
            p = base["fruitless_rate"] + fam * (p - base["fruitless_rate"])
            if fam < UNFAMILIAR_BELOW:
                caveat = {"code": "unfamiliar", "message_fa": UNFAMILIAR_FA}
        lo, hi = self.clip
        p = min(max(float(p), lo), hi)
        return Score(p, reasons, familiarity=fam, base_rate=base, caveat=caveat)

    def score_many(self, docs: Sequence[Any]) -> list[Score]:
        """One vectorisation and one matrix product for the whole batch, then each document's reasons."""
        feats = [self.features.features(d) for d in docs]
        raw = self.calibrated_proba(feats)
        return [self._finish(d, f, float(p), self._explain(d, f)) for d, f, p in zip(docs, feats, raw)]

    def predict_proba(self, docs: Sequence[Any]) -> np.ndarray:
        feats = [self.features.features(d) for d in docs]
        raw = self.calibrated_proba(feats)
        return np.array([self._finish(d, f, float(p), []).probability for d, f, p in zip(docs, feats, raw)])

    def score(self, doc: Any) -> Score:
        return self.score_many([doc])[0]

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
                if is_excluded(word):
                    continue  # never a function word, honorific, initial or place name
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
    if name in CLAIM_FEATURE_LABELS_FA:
        return CLAIM_FEATURE_LABELS_FA[name], None
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


class SklearnBackend(BaseEstimator):
    """Estimator-like backend (docs/MODEL_SPEC.md): fit / predict_proba / explain / save.

    The defaults are the ones measured best by grouped cross-validation on real rulings
    (MODEL_CARD.md): word unigrams and in-word character 2–4-grams, legal structured features at
    a fifth of the text's scale, no Article 51 completeness features, C = 0.3 (the best ROC-AUC with
    ECE within 0.05 among C 0.1–3).
    """

    name = "sklearn"

    def __init__(
        self,
        seed: int = 13,
        C: float = 0.3,
        cv: int = 5,
        word_ngram_range: tuple[int, int] = (1, 1),
        char_ngram_range: tuple[int, int] = (2, 4),
        word_max_features: int | None = 20_000,
        char_max_features: int | None = 30_000,
        min_df: int = 2,
        use_char: bool = True,
        legal: bool = True,
        completeness: bool = False,
        structured_scale: float = 0.2,
        clip: tuple[float, float] = (0.05, 0.95),
        top_k: int = 8,
    ):
        self.seed = seed
        self.C = C
        self.cv = cv
        self.word_ngram_range = tuple(word_ngram_range)
        self.char_ngram_range = tuple(char_ngram_range)
        self.word_max_features = word_max_features
        self.char_max_features = char_max_features
        self.min_df = min_df
        self.use_char = use_char
        self.legal = legal
        self.completeness = completeness
        self.structured_scale = structured_scale
        self.clip = tuple(clip)
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
            "legal": self.legal,
            "completeness": self.completeness,
            "structured_scale": self.structured_scale,
            "clip": list(self.clip),
        }

    def fit(self, docs: Sequence[Any], y: Sequence[int], groups: Sequence[Any] | None = None) -> "SklearnBackend":
        """Fit on `docs`; `groups` keeps near-duplicates in one calibration fold (docs/MODEL_SPEC.md)."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

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
            legal=self.legal,
            completeness=self.completeness,
            structured_scale=self.structured_scale,
        ).fit(docs)
        feats = [features.features(d) for d in docs]
        X = features.matrix(feats)
        n_splits = min(self.cv, minority)
        if groups is not None:
            splits = list(StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=self.seed).split(X, y, groups))
        else:
            splits = list(StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.seed).split(X, y))
        # liblinear's dual solver: far faster here, where features outnumber texts.
        base = LogisticRegression(C=self.C, solver="liblinear", dual=True, random_state=self.seed, max_iter=5000)
        # ensemble=False: the calibrator is fitted on out-of-fold margins only, the model on everything.
        calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=splits, ensemble=False).fit(X, y)

        # Familiarity: the training texts' centroid in word tf-idf space, and the cosine that
        # FAMILIAR_SHARE of them reach.
        n_word = features.word_.n_features
        W = X[:, :n_word]
        centroid = np.asarray(W.mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid))
        familiar = 0.0
        if norm > 0:
            centroid = centroid / norm
            cosines = np.asarray(W @ centroid).ravel()
            familiar = float(np.quantile(cosines, 1.0 - FAMILIAR_SHARE))
        base_rates = base_rate_table(docs, y)
        self.model_ = LinearCalibratedModel.from_calibrated(
            features, calibrated, top_k=self.top_k,
            centroid=centroid.astype(np.float32) if norm > 0 else None,
            familiar_cosine=familiar, base_rates=base_rates, clip=self.clip,
        )
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
        m = self.model_
        return {
            "backend": "sklearn",
            "familiarity": {
                "measure": "cosine of the word tf-idf vector to the training centroid, divided by the cosine "
                           f"{FAMILIAR_SHARE:.0%} of training texts reach, capped at 1",
                "familiar_cosine": round(m.familiar_cosine, 6),
                "unfamiliar_below": UNFAMILIAR_BELOW,
                "shrink": "p = base_rate + familiarity * (p_calibrated - base_rate)",
            },
            "clip": list(m.clip),
        }


def base_rate_table(docs: Sequence[Any], y: Sequence[int]) -> dict[str, list[float]]:
    """Claim type → [rows, fruitless rate] of the training rows, and "all" for every row."""
    y = np.asarray(y, dtype=int)
    out: dict[str, list[float]] = {"all": [float(len(y)), float(y.mean()) if len(y) else 0.0]}
    by: dict[str, list[int]] = {}
    for d, label in zip(docs, y.tolist()):
        ct = getattr(getattr(d, "claim_type", None), "code", None) or "unknown"
        by.setdefault(ct, []).append(label)
    for ct, labels in sorted(by.items()):
        out[ct] = [float(len(labels)), float(np.mean(labels))]
    return out


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

    def score(self, doc: Any) -> Score:
        return self.model.score(doc)

    def score_many(self, docs: Sequence[Any]) -> list[Score]:
        return self.model.score_many(docs)

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
    info = ModelInfo(name=metadata["name"], version=metadata["version"], backend="sklearn",
                     quality_fa=metadata.get("quality_fa"))
    return SklearnScorer(model, info, dict(metadata["thresholds"]))
