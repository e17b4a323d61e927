"""Label derivation from short rulings written for these tests, one per decision wording."""
from __future__ import annotations

import pytest

from screening.training.rulings import FRUITLESS_OUTCOMES, label_ruling, label_rulings

CLAIM = ("در خصوص دعوی آقای الف. ب. به طرفیت آقای ج. د. به خواسته مطالبه وجه یک فقره چک به مبلغ "
         "دویست میلیون ریال به انضمام خسارات دادرسی، بدین شرح که خواهان اعلام نموده خوانده چک را صادر و تسلیم کرده است")


def ruling(decision: str, appeal: str = "") -> str:
    text = f". رأی دادگاه بدوی. {CLAIM}، {decision} رأی صادره ظرف بیست روز قابل تجدیدنظرخواهی است. . رئیس شعبه ۱۲ دادگاه حقوقی"
    if appeal:
        text += f". رأی دادگاه تجدیدنظر استان. {appeal}"
    return text


CASES = [
    ("rejected_petition", "دادگاه با توجه به عدم رفع نقص در مهلت مقرر قرار رد دادخواست خواهان را صادر و اعلام می‌نماید."),
    ("not_heard", "این دادگاه نظر به اینکه دعوا به کیفیت مطروحه قابلیت استماع ندارد قرار عدم استماع دعوی صادر می‌گردد."),
    ("claim_rejected", "این دادگاه با توجه به اینکه دعوا متوجه خوانده نیست به استناد بند ۴ ماده ۸۴ قرار رد دعوی خواهان را صادر می‌نماید."),
    ("claim_rejected", "دادگاه با عنایت به مراتب قراررد دعوا صادر و اعلام می‌گردد."),
    ("invalid", "این دادگاه دعوی را ثابت ندانسته و به استناد ماده ۱۹۷ حکم بر بطلان دعوی خواهان صادر می‌نماید."),
    ("invalid", "دادگاه نظر به فقد دلیل به استناد ماده ۱۹۷ حکم به بطلان آن صادر و اعلام می‌دارد."),
    ("no_right", "دادگاه با توجه به اینکه پرداخت وجه ثابت شده است حکم بر بی‌حقی خواهان صادر می‌نماید."),
    ("no_right", "دادگاه با توجه به اینکه پرداخت وجه ثابت شده است حکم به بی حقی خواهان صادر می‌نماید."),
    ("merits_rejected", "دادگاه با توجه به محتویات پرونده دعوی را مقرون به صحت ندانسته حکم به رد دعوی صادر می‌نماید."),
    ("accepted", "این دادگاه دعوی را وارد تشخیص و حکم به محکومیت خوانده به پرداخت دویست میلیون ریال در حق خواهان صادر می‌نماید."),
    ("accepted", "دادگاه با توجه به مراتب خوانده را به پرداخت اصل خواسته در حق خواهان محکوم می‌نماید."),
    ("partially_accepted", "این دادگاه حکم به محکومیت خوانده به پرداخت یکصد میلیون ریال صادر و نسبت به مازاد خواسته حکم بر بی‌حقی خواهان صادر می‌نماید."),
    ("partially_accepted", "دادگاه حکم به محکومیت خوانده ردیف اول صادر و در خصوص خوانده ردیف دوم قرار رد دعوی صادر می‌نماید."),
]


@pytest.mark.parametrize("outcome,decision", CASES)
def test_each_decision_wording_gives_its_outcome(outcome, decision):
    lab = label_ruling(ruling(decision))
    assert lab.skipped is None
    assert lab.outcome == outcome
    assert lab.fruitless == int(outcome in FRUITLESS_OUTCOMES)


def test_merits_rejection_and_partial_wins_are_not_fruitless():
    assert label_ruling(ruling(CASES[8][1])).fruitless == 0
    assert label_ruling(ruling(CASES[-1][1])).fruitless == 0
    assert label_ruling(ruling(CASES[2][1])).fruitless == 1


def test_training_text_is_the_claim_before_the_reasoning():
    lab = label_ruling(ruling(CASES[2][1]))
    assert lab.text.startswith("در خصوص دعوی آقای الف. ب.")
    assert "چک را صادر و تسلیم کرده است" in lab.text
    assert "این دادگاه" not in lab.text and "قرار رد" not in lab.text


def test_only_the_first_instance_counts_not_the_appeal():
    text = ruling(CASES[2][1], appeal="دادگاه تجدیدنظر ضمن نقض دادنامه بدوی حکم به محکومیت تجدیدنظرخوانده صادر می‌نماید.")
    assert label_ruling(text).outcome == "claim_rejected"


def test_a_partys_request_is_not_the_courts_decision():
    decision = ("وکیل خوانده تقاضای صدور قرار رد دعوی را نموده است. این دادگاه ایراد را وارد ندانسته "
                "حکم به محکومیت خوانده به پرداخت وجه چک در حق خواهان صادر می‌نماید.")
    # the request sits in the reasoning part here, and must still not count
    assert label_ruling(ruling(decision)).outcome == "accepted"


def test_criminal_and_unclear_rulings_are_skipped_with_a_reason():
    criminal = (". رأی دادگاه بدوی. در خصوص اتهام آقای الف. ب. دائر بر صدور چک بلامحل موضوع کیفرخواست دادسرا، "
                "دادگاه با توجه به محتویات پرونده متهم را به تحمل شش ماه حبس محکوم می‌نماید.")
    assert label_ruling(criminal).skipped == "criminal"
    unclear = ruling("دادگاه با توجه به محتویات پرونده قرار ارجاع امر به کارشناسی صادر می‌نماید.")
    assert label_ruling(unclear).skipped == "unclear"
    admin = ". رأی شعبه بدوی دیوان عدالت اداری. نظر به اینکه شکایت وارد نیست حکم به رد شکایت صادر می‌گردد."
    assert label_ruling(admin).skipped == "administrative"
    assert label_ruling("متنی بدون رأی بدوی").skipped == "no_first_instance"


def test_spelling_variants_are_folded():
    arabic = ruling("اين دادگاه قرار عدم استماع دعوي صادر مي‌نمايد.")
    assert label_ruling(arabic).outcome == "not_heard"


def test_label_rulings_counts_labelled_and_skipped():
    records = [{"id": "a", "text": ruling(CASES[1][1])}, {"id": "b", "text": ruling(CASES[9][1])},
               {"id": "c", "text": ". رأی دادگاه بدوی. متهم به حبس محکوم شد."}, {"id": "d"}]
    rows, summary = label_rulings(records)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [r["fruitless"] for r in rows] == [1, 0]
    d = summary.to_dict()
    assert d["labelled"] == 2 and d["skipped"] == {"bad_row": 1, "criminal": 1} and d["skipped_total"] == 2
    assert d["outcomes"] == {"accepted": 1, "not_heard": 1}
