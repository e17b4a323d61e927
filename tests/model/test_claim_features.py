"""Legal features read the same from a petition and from a court's restatement of the claim."""
from __future__ import annotations

from screening.model.claim_features import LABELS_FA, claim_features
from screening.model.features import is_full_petition, structured_features
from screening.pipeline import Screener

PETITION = ("خواهان: شرکت بازرگانی الف با مدیریت آقای ب\nخوانده: بانک ملت شعبه مرکزی\n"
            "خواسته: ابطال سند رسمی انتقال ملک پلاک ۱۲ فرعی مقوم به ۵۰۰,۰۰۰,۰۰۰ ریال")
RESTATED = ("در خصوص دعوی شرکت بازرگانی الف با وکالت آقای ج به طرفیت بانک ملت به خواسته ابطال سند رسمی "
            "انتقال ملک پلاک ۱۲ فرعی مقوم به ۵۰۰,۰۰۰,۰۰۰ ریال")


def test_what_is_asked_and_the_parties_are_read_from_a_restatement():
    f = claim_features(RESTATED, value_rial=500_000_000)
    assert f["ask=deed_annulment"] == 1.0 and f["ask=real_estate"] == 1.0
    assert f["plaintiff=company"] == 1.0 and f["plaintiff=lawyer"] == 1.0
    assert f["defendant=bank"] == 1.0 and "plaintiff=bank" not in f
    assert f["value_band=under_1b"] == 1.0
    assert all(k in LABELS_FA for k in f)


def test_classes_of_claims_the_core_leaves_in_other():
    cases = {
        "به خواسته اعتراض ثالث اجرایی نسبت به توقیف پلاک": "third_party",
        "به خواسته ابطال رأی داور مورخ ۱۳۹۳": "award_annulment",
        "به خواسته رفع تصرف عدوانی از یک قطعه زمین": "possession",
        "به خواسته صدور حکم ورشکستگی شرکت": "insolvency",
        "به خواسته مطالبه سهم الشرکه": "company",
        "به خواسته تغییر نام کوچک": "civil_status",
        "به خواسته دستور فروش ملک مشاع": "partition_estate",
    }
    for text, code in cases.items():
        assert claim_features(text).get(f"ask={code}") == 1.0, (text, code)


def test_article_51_items_are_features_only_of_a_full_petition():
    screener = Screener(model_dir=None)
    short = screener.run("در خصوص دعوی آقای الف به طرفیت آقای ب به خواسته مطالبه وجه چک")
    assert not is_full_petition(short) and len(short.missing_fields) > 2
    feats = structured_features(short, legal=True, completeness=True)
    assert not any(k.startswith(("missing=", "evidence_missing=", "value_present", "value_absent", "value_log10")) for k in feats)
    assert "ask=negotiable" in feats and "claim_type=cheque" in feats
