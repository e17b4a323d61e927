"""MODEL_CARD.md, written from a model's metadata (Mitchell et al., "Model Cards for Model
Reporting", 2019: the nine sections). Everything stated comes from the metadata, so the card
cannot drift from the model it describes."""
from __future__ import annotations

from typing import Any

OUTCOME_FA = {
    "rejected_petition": "قرار رد دادخواست",
    "not_heard": "قرار عدم استماع",
    "claim_rejected": "قرار رد دعوا",
    "invalid": "حکم بطلان دعوا",
    "no_right": "حکم بی‌حقی",
    "merits_rejected": "حکم به رد دعوا (ماهوی)",
    "accepted": "پذیرش دعوا",
    "partially_accepted": "پذیرش بخشی از دعوا",
}


def _f(x: Any, nd: int = 3) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def _scalar_table(rows: list[tuple[str, dict[str, Any] | None]]) -> list[str]:
    out = ["| set | n | fruitless | ROC-AUC | PR-AUC | Brier | ECE | accuracy@0.5 |", "|---|---|---|---|---|---|---|---|"]
    for label, m in rows:
        if not m or not m.get("n"):
            continue
        out.append(
            f"| {label} | {m['n']} | {m['positives']} | {_f(m.get('roc_auc'))} | {_f(m.get('pr_auc'))} | "
            f"{_f(m.get('brier'))} | {_f(m.get('ece'))} | {_f(m.get('accuracy'))} |"
        )
    return out


def _baseline_rows(rows: list[tuple[str, dict[str, Any] | None]]) -> list[str]:
    out = ["| set | majority class | accuracy | Brier (predict base rate) | PR-AUC (= prevalence) |", "|---|---|---|---|---|"]
    for label, m in rows:
        if not m or not m.get("baseline"):
            continue
        b = m["baseline"]
        out.append(f"| {label} | {b['majority_class']} | {_f(b.get('accuracy'))} | {_f(b.get('brier'))} | {_f(b.get('pr_auc'))} |")
    return out


def _reliability(m: dict[str, Any]) -> list[str]:
    out = ["| predicted | n | mean predicted | observed fruitless rate |", "|---|---|---|---|"]
    for r in m.get("reliability", []):
        out.append(f"| {r['bin']} | {r['n']} | {_f(r['mean_predicted'])} | {_f(r['observed_rate'])} |")
    return out


def _by_type(m: dict[str, Any]) -> list[str]:
    out = ["| claim type | n | fruitless | ROC-AUC | Brier | mean predicted |", "|---|---|---|---|---|---|"]
    for g, r in (m.get("by_claim_type") or {}).items():
        out.append(f"| {g} | {r['n']} | {r['positives']} | {_f(r.get('roc_auc'))} | {_f(r.get('brier'))} | {_f(r.get('mean_predicted'))} |")
    return out


def _bands(m: dict[str, Any]) -> list[str]:
    out = ["| band | n | fruitless | fruitless rate |", "|---|---|---|---|"]
    for b, r in (m.get("bands") or {}).items():
        out.append(f"| {b} | {r['n']} | {r['fruitless']} | {_f(r.get('fruitless_rate'))} |")
    return out


def render_card(meta: dict[str, Any]) -> str:
    m = meta.get("metrics", {})
    cv = m.get("cv", {})
    oof = cv.get("out_of_fold")
    test = m.get("test")
    ext = m.get("external")
    data = meta.get("data", {})
    th = meta.get("thresholds", {})
    v = meta.get("versions", {})
    params = meta.get("params", {})
    fruitless = ", ".join(f"{OUTCOME_FA.get(o, o)} (`{o}`)" for o in meta.get("label", {}).get("fruitless_outcomes", []))
    not_fruitless = ", ".join(f"{OUTCOME_FA.get(o, o)} (`{o}`)" for o in meta.get("label", {}).get("not_fruitless", []))

    L: list[str] = [f"# Model card: {meta['name']} ({meta['version']})", ""]
    L += [
        "## Model details",
        "",
        f"- Name `{meta['name']}`, version `{meta['version']}`, backend `{meta['backend']}`, schema `{meta['schema']}`.",
        f"- Created {meta.get('created')} with seed {meta.get('seed')}.",
        "- What it is: " + (
            "a logistic regression over tf-idf word n-grams (1–2) and in-word character n-grams (2–4) of the "
            "normalised petition text, plus the core screener's structured output (missing Article 51 items, "
            "claim type, finding codes, forum, claim value, missing key evidence); five models, each Platt-"
            "calibrated (`CalibratedClassifierCV(method=\"sigmoid\", cv=5)`) and averaged."
            if meta["backend"] == "sklearn" else "a fine-tuned transformer encoder with a calibrator on its margin."
        ),
        f"- Parameters: `{params}`." if params else "- Parameters: see metadata.json.",
        "- Libraries: " + ", ".join(f"{k} {val}" for k, val in v.items() if val) + ".",
        "- Files: " + ", ".join(f"`{k}`" for k in sorted(meta.get("files", {}))) + " (sha256 in metadata.json; loading refuses changed files and other scikit-learn major.minor versions).",
        "- Stored with skops, loaded with an explicit list of trusted types; never pickle.",
        "",
        "## Intended use",
        "",
        "- For e-judicial-services offices (دفاتر خدمات الکترونیک قضایی), before a civil petition is filed: an estimate "
        "of how likely the court is to end the claim as fruitless, with the reasons, so that staff can ask for a fix or "
        "warn the client.",
        f"- Fruitless means the first-instance court ends the claim with: {fruitless}. Not fruitless: {not_fruitless}.",
        f"- Bands: `low` below {th.get('medium')}, `medium` below {th.get('high')}, `high` from {th.get('high')} "
        f"({meta.get('threshold_rule') or 'thresholds in metadata.json'}).",
        "- Not for: deciding whether a petition is filed, legal advice, criminal or administrative matters, or any "
        "decision about a person without a human expert's review.",
        "",
        "## Factors",
        "",
        "- Claim type (reported per type below), forum (peace, family, general civil court), how complete the petition "
        "is (Article 51 items), text length and style (form-filled petitions vs. narrative rulings).",
        "- Language: Persian as written in Iranian courts; the normaliser folds digits, letters and half-spaces.",
        "",
        "## Metrics",
        "",
        "- ROC-AUC (ranking), PR-AUC / average precision (ranking under class imbalance), Brier score and expected "
        "calibration error (is 0.7 really 70 %?), a 10-bin reliability table, and the majority-class baseline a model "
        "must beat. Cross-validation: 5 stratified folds on the training part (mean ± sd across folds, and the pooled "
        "out-of-fold predictions); then one held-out stratified test split never used for fitting or thresholds.",
        "",
        "## Evaluation data",
        "",
        f"- Held-out test split: {data.get('test_rows')} rows of `{data.get('source')}`, stratified by label.",
    ]
    if ext:
        lab = ext.get("labelling") or {}
        L.append(
            f"- External: `{ext.get('source')}`, a real archive of court rulings; labels derived from the first-instance "
            f"decision wording (`screening/model/rulings.py`), training text = the claim description before the court's "
            f"reasoning. Labelled {lab.get('labelled')} rulings; skipped {lab.get('skipped_total')} ({lab.get('skipped')}). "
            f"Outcomes: {lab.get('outcomes')}."
        )
    L += [
        "",
        "## Training data",
        "",
        f"- `{data.get('source')}`: {data.get('rows')} rows, {data.get('fruitless')} fruitless; sha256 `{data.get('sha256')}`.",
        f"- Training part: {data.get('train_rows')} rows; rows dropped: {data.get('skipped') or 'none'}.",
        f"- Each text was screened by the core pipeline (no model) as of {data.get('screened_as_of')}, so date-dependent "
        "findings do not change between training runs.",
    ]
    if data.get("labelling"):
        lab = data["labelling"]
        L.append(f"- Labels from a rulings archive: {lab.get('labelled')} labelled, skipped {lab.get('skipped')}, outcomes {lab.get('outcomes')}.")
    L += ["", "## Quantitative analyses", ""]
    if cv:
        parts = []
        for k in ("roc_auc", "pr_auc", "brier", "accuracy"):
            s = cv.get(k)
            if s:
                parts.append(f"{k} {_f(s['mean'])} ± {_f(s['std'])}")
        L.append(f"Cross-validation ({cv.get('folds')} folds): " + ", ".join(parts) + ".")
        L.append("")
    rows = [("CV out-of-fold", oof), ("held-out test", test)]
    if ext:
        rows.append(("rulings archive (external)", ext))
    L += _scalar_table(rows) + [""]
    L += ["Majority-class baseline:", ""] + _baseline_rows(rows) + [""]
    if test:
        L += ["Reliability, held-out test:", ""] + _reliability(test) + [""]
        L += ["Bands, held-out test:", ""] + _bands(test) + [""]
        L += ["By claim type, held-out test:", ""] + _by_type(test) + [""]
    if ext and ext.get("n"):
        L += ["Reliability, rulings archive:", ""] + _reliability(ext) + [""]
        L += ["Bands, rulings archive:", ""] + _bands(ext) + [""]
        L += ["By claim type, rulings archive:", ""] + _by_type(ext) + [""]
        t_auc, e_auc = (test or {}).get("roc_auc"), ext.get("roc_auc")
        if t_auc is not None and e_auc is not None:
            L.append(
                f"Read honestly: ROC-AUC {_f(t_auc)} on the held-out split of the training source against {_f(e_auc)} on "
                "real rulings. The gap measures how far the training data are from what courts actually see; the "
                "external figure is the one to trust for real petitions."
            )
            L.append("")
    L += [
        "## Ethical considerations",
        "",
        "- Petitions carry personal data: the model and its card hold no petition text; scoring happens locally and "
        "nothing is logged or sent anywhere.",
        "- A high score must never be a reason to refuse service: it is a prompt for a human to read the reasons and "
        "advise. Claims of vulnerable people (family, maintenance, mahr) must get the same human attention whatever the score.",
        "- Labels reflect past court practice, including its inconsistencies between branches; the model learns them.",
        "",
        "## Caveats and recommendations",
        "",
        "- Probabilities are calibrated on the training source; on other sources (see the external figures) they may "
        "be off. Re-train on the office's own archive (`screening train --rulings FILE.jsonl`) and compare.",
        "- Reasons are the features with the largest contributions (weight × value) in the linear model, attributed "
        "to words and to the core's findings; they explain the score, not the law.",
        "- Claim types with few examples (see the per-type table) get less reliable scores.",
        "",
        "## Reproduce",
        "",
        f"```\n{meta.get('command') or 'screening train ...'}\n```",
        "",
        "Same seed and same data (sha256 above) give the same metrics.",
        "",
    ]
    return "\n".join(L)
