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
    if meta.get("metrics", {}).get("kind") == "rulings":
        return render_rulings_card(meta)
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
            f"decision wording (`screening/training/rulings.py`), training text = the claim description before the court's "
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


def _ci(m: dict[str, Any]) -> str:
    ci = m.get("roc_auc_ci")
    return f"{_f(m.get('roc_auc'))} (95 % bootstrap interval {_f(ci['low'])}–{_f(ci['high'])})" if ci else _f(m.get("roc_auc"))


def _real_table(rows: list[tuple[str, dict[str, Any] | None]]) -> list[str]:
    out = ["| set | rulings | fruitless | ROC-AUC (95 % CI) | PR-AUC | Brier | Brier of the constant base rate | ECE | scores < 0.05 / > 0.95 |",
           "|---|---|---|---|---|---|---|---|---|"]
    for label, m in rows:
        if not m or not m.get("n"):
            continue
        ci = m.get("roc_auc_ci") or {}
        ext = m.get("extremes") or {}
        out.append(f"| {label} | {m['n']} | {m['positives']} | {_f(m.get('roc_auc'))} ({_f(ci.get('low'))}–{_f(ci.get('high'))}) | "
                   f"{_f(m.get('pr_auc'))} | {_f(m.get('brier'))} | {_f(m.get('base_rate_brier'))} | {_f(m.get('ece'))} | "
                   f"{ext.get('below', '—')} / {ext.get('above', '—')} |")
    return out


def _agreement_sentence(ag: dict[str, Any] | None) -> str:
    """The labeller's agreement with hand labels, as one sentence (empty without hand labels)."""
    if not ag or not ag.get("usable"):
        return ""
    return (f" Against hand labels (ids and outcomes in `tests/data/`), the labeller's fruitless call agrees on "
            f"{ag.get('fruitless_agree')} of {ag.get('usable')} rulings ({_f(ag.get('fruitless_agreement'))}).")


def _mark(ok: Any) -> str:
    return "met" if ok else "**not met**"


def render_rulings_card(meta: dict[str, Any]) -> str:
    """The card of a model trained on real rulings: real-data figures first, then everything else."""
    m = meta["metrics"]
    cv, ho = m["cv"], m.get("holdout")
    acc = m.get("acceptance", {})
    data = meta.get("data", {})
    lab = data.get("labelling") or {}
    th = meta.get("thresholds", {})
    params = meta.get("params", {})
    fam = meta.get("familiarity") or {}
    fruitless = ", ".join(f"{OUTCOME_FA.get(o, o)} (`{o}`)" for o in meta.get("label", {}).get("fruitless_outcomes", []))
    not_fruitless = ", ".join(f"{OUTCOME_FA.get(o, o)} (`{o}`)" for o in meta.get("label", {}).get("not_fruitless", []))
    L: list[str] = [f"# Model card: {meta['name']} ({meta['version']})", ""]
    L += [
        "## How good it is on real claims (read this first)",
        "",
        f"Grouped {cv.get('folds')}-fold cross-validation on {cv['n']} real first-instance civil rulings (the development "
        f"split); groups: {cv.get('groups', {}).get('rule')} ({cv.get('groups', {}).get('groups')} groups). Every figure "
        "below is out of fold: no ruling was scored by a model that saw it or its near-duplicate.",
        "",
        f"- **ROC-AUC {_ci(cv)}** — target 0.70 (stretch 0.75): {_mark(acc.get('roc_auc', {}).get('met'))}.",
        f"- **Brier {_f(cv.get('brier'))}** against **{_f(cv.get('base_rate_brier'))}** for a constant that always says the "
        f"base rate: {_mark(acc.get('brier', {}).get('met'))}.",
        f"- **ECE {_f(cv.get('ece'))}** (10 equal-width bins) — target 0.05: {_mark(acc.get('ece', {}).get('met'))}.",
        f"- PR-AUC {_f(cv.get('pr_auc'))} (prevalence {_f(cv.get('prevalence'))}).",
        f"- Scores on real rulings lie between {_f((cv.get('extremes') or {}).get('min'))} and "
        f"{_f((cv.get('extremes') or {}).get('max'))}; none below 0.05 or above 0.95 "
        f"({_mark(acc.get('extremes', {}).get('met'))}); the model clips to {meta.get('clip') or params.get('clip')}, "
        "since a few hundred rulings support no surer figure.",
        f"- {acc.get('note', '')}",
        "",
    ]
    if ho:
        L += [
            f"Final check, once, on the **holdout split** (`int(sha256(id), 16) % 5 == 0`, {ho['n']} rulings never used for "
            f"fitting, calibration or thresholds): ROC-AUC {_ci(ho)}, Brier {_f(ho.get('brier'))} against "
            f"{_f(ho.get('base_rate_brier'))} for the development base rate, ECE {_f(ho.get('ece'))}.",
            "",
        ]
    L += _real_table([("grouped CV, development", cv), ("holdout (final check)", ho)]) + [""]
    L += ["Reliability (grouped CV, development): how often a claim scored in each bin was in fact fruitless.", ""]
    L += _reliability(cv) + [""]
    L += ["Bands (grouped CV, development):", ""] + _bands(cv) + [""]
    L += ["By claim type (grouped CV, development; the core's claim type):", ""] + _by_type(cv) + [""]
    curve = m.get("learning_curve") or []
    if curve:
        L += ["Learning curve (grouped CV; each training fold subsampled, test folds unchanged):", "",
              "| share of training rulings | rulings per fit | ROC-AUC | Brier |", "|---|---|---|---|"]
        for c in curve:
            L.append(f"| {int(c['fraction'] * 100)} % | {c['rows']} | {_f(c.get('roc_auc'))} | {_f(c.get('brier'))} |")
        L.append("")
    syn = m.get("synthetic")
    L += ["### The synthetic corpus", ""]
    if syn:
        a, b = syn["real_only"], syn["real_plus_synthetic"]
        L.append(
            f"Measured, not assumed: {syn['what_it_measures']}. Real rulings alone: ROC-AUC {_f(a['roc_auc'])}, Brier "
            f"{_f(a['brier'])}, ECE {_f(a['ece'])}; with the {syn['rows']} synthetic petitions of `{syn['source']}` added: "
            f"ROC-AUC {_f(b['roc_auc'])}, Brier {_f(b['brier'])}, ECE {_f(b['ece'])}. "
            + ("It helped, so the model was trained with it." if syn["used"] else
               "It did not help, so the model is trained on real rulings only; the corpus stays for parser and rule tests.")
        )
    else:
        L.append("Not used and not measured in this run (pass `--with-corpus DIR` to measure whether it helps).")
    L += [
        "",
        "## Selection bias: what these rulings are, and are not",
        "",
        "- They are **published rulings that were appealed**: the first-instance ruling followed by the appeal, as the "
        "judiciary's portal and a public archive carry them, mostly from Tehran, from 1391 and 1395. A claim an office "
        "files is not such a ruling: contested, appealed cases are more often fruitless, so the base rates below are "
        "higher than an office will see, and the ranking was learnt on cases hard enough to be appealed.",
        "- The training text is the court's restatement of the claim (parties, what is asked, the plaintiff's account), "
        "the closest thing in a ruling to the petition. A petition reads differently; the familiarity measure below pulls "
        "a text that does not resemble these restatements toward the base rate, and says so.",
        f"- Labels are read from the operative part of the first-instance ruling by `screening/training/rulings.py`; labelled {lab.get('labelled')}, "
        f"skipped {lab.get('skipped_total')} ({lab.get('skipped')}); outcomes {lab.get('outcomes')}; duplicate texts "
        f"dropped {lab.get('duplicates_dropped')}; left out of training (no fruitless/not-fruitless reading): "
        f"{lab.get('outcomes_left_out') or 'none'}." + _agreement_sentence(lab.get("agreement")),
        "",
        "## Model details",
        "",
        f"- Name `{meta['name']}`, version `{meta['version']}`, backend `{meta['backend']}`, schema `{meta['schema']}`; "
        f"created {meta.get('created')} with seed {meta.get('seed')}.",
    ]
    if meta["backend"] == "sklearn":
        L += [
            "- A logistic regression (liblinear, L2, C as below) over tf-idf word unigrams and in-word character 2–4-grams "
            "of the normalised text — function words, honorifics, name initials and place names removed — plus legal features that read the same in a petition "
            "and in a court's restatement, at a fifth of the text's scale: the core's claim type, a finer class of what is "
            "asked (read from the «خواسته» phrase), the parties on each side (government body, bank, company, several "
            "parties, a lawyer, heirs), the value band, the forum and the CPC 84 grounds the core reads. Article 51 "
            "completeness features are off: a restatement misses most items, and on real rulings they carry no signal.",
            "- Calibration: one Platt sigmoid fitted on the out-of-fold margins of grouped 5-fold cross-validation on the "
            "training rulings (`CalibratedClassifierCV(ensemble=False)`), never on synthetic text.",
            f"- Familiarity: {fam.get('measure', 'see metadata.json')}; the score is `{fam.get('shrink', '')}` toward the "
            f"claim type's base rate (the overall rate for types with fewer than 10 rulings); below "
            f"{fam.get('unfamiliar_below')} the report carries an `unfamiliar` caveat.",
            f"- Parameters: `{params}` (the defaults of `SklearnBackend`, chosen by grouped-CV ROC-AUC on the development "
            "split, the best ROC-AUC with ECE ≤ 0.05, among C 0.1–10, word bigrams, character n-grams and the legal "
            "features' scale).",
        ]
    else:
        L += [
            "- A fine-tuned transformer encoder (see `transformers_backend.json` and metadata.json's `long_text`), "
            "trained on the same labels, texts and grouped folds; Platt calibration on a grouped validation split; "
            "no familiarity shrinkage.",
            f"- Parameters: `{params}`.",
        ]
    L += [
        "- Libraries: " + ", ".join(f"{k} {val}" for k, val in (meta.get("versions") or {}).items() if val) + ".",
        "- Files: " + ", ".join(f"`{k}`" for k in sorted(meta.get("files", {}))) + " (sha256 in metadata.json); stored "
        "with skops and a list of trusted types, never pickle.",
        "",
        "## Intended use",
        "",
        "- For e-judicial-services offices, before a civil petition is filed: how often real claims like this one ended "
        "with nothing for the plaintiff at first instance, with the reasons, beside the base rate of its claim type.",
        f"- Fruitless: {fruitless}. Not fruitless: {not_fruitless}. Left out: referrals, settlements, withdrawals, "
        "non-contentious matters, unclear rulings.",
        f"- Bands: `low` below {th.get('medium')}, `medium` below {th.get('high')}, `high` from {th.get('high')} "
        f"({meta.get('threshold_rule') or ''}).",
        "- Not for: deciding whether a petition is filed, legal advice, or any decision about a person without a human "
        "expert's review. Texts that are not petitions get no score.",
        "",
        "## Base rates (development rulings, by the core's claim type)",
        "",
        "| claim type | rulings | fruitless rate |",
        "|---|---|---|",
    ]
    for k, v in sorted((meta.get("base_rates") or {}).items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        L.append(f"| {k} | {v['n']} | {_f(v['fruitless_rate'])} |")
    L += [
        "",
        "## Ethical considerations",
        "",
        "- The model and this card hold no ruling or petition text (only word statistics and the vocabulary); scoring is "
        "local and nothing is logged or sent.",
        "- A high score must never be a reason to refuse service: it prompts a human to read the reasons and advise. "
        "Family claims (mahr, maintenance, custody) deserve the same attention whatever the score.",
        "- Labels reflect past court practice in Tehran's branches, including their inconsistencies.",
        "",
        "## Caveats",
        "",
        f"- With a grouped-CV ROC-AUC of {_f(cv.get('roc_auc'), 2)} the score ranks real claims only somewhat better than "
        "chance: read it as a base rate adjusted by what is asked and who the parties are, never as a prediction about "
        "one case.",
        "- Reasons are the legal features and content words with the largest contributions in the linear model; they "
        "explain the score, not the law.",
        "",
        "## Reproduce",
        "",
        f"```\n{meta.get('command') or 'screening train --rulings ...'}\n```",
        "",
        f"Training data sha256 `{data.get('sha256')}`; same seed and same data give the same figures.",
        "",
    ]
    return "\n".join(L)
