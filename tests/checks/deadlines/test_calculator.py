"""DOMAIN.md §6: the last day to act, counted under CPC 443–445."""
import datetime as dt

import pytest

from screening.checks.deadlines.calculator import compute_deadline
from screening.checks.deadlines.calendar import CourtCalendar
from screening.knowledge.deadlines import UnknownDeadlineKind
from screening.text.jalali import InvalidJalaliDate, parse_jalali_date

FRIDAYS_ONLY = CourtCalendar(official_holidays={})


# --- the worked example ---------------------------------------------------------------------------
@pytest.mark.parametrize("calendar", [FRIDAYS_ONLY, None], ids=["fridays-only", "shipped-calendar"])
def test_worked_example_last_day_on_a_friday_rolls_to_saturday(calendar):
    # served 1404/01/15 → t0+20 Thu 1404/02/04 → t0+21 Fri 1404/02/05 → Sat 1404/02/06
    d = compute_deadline("appeal", "1404/01/15", today="1404/02/01", calendar=calendar)
    out = d.to_dict()
    assert out["period_days"] == 20
    assert out["period_end"] == "1404/02/04"
    assert out["last_day"] == "1404/02/06"
    assert out["last_day_weekday_fa"] == "شنبه"
    assert out["rolled_from"] == "1404/02/05"
    assert "۱۴۰۴/۰۲/۰۵" in out["rolled_reason_fa"] and "تعطیل هفتگی" in out["rolled_reason_fa"]
    assert out["days_left"] == 5 and out["status"] == "open"


@pytest.mark.parametrize(
    "today, status, days_left",
    [("1404/02/05", "open", 1), ("1404/02/06", "last_day", 0), ("1404/02/07", "expired", -1), ("1404/02/09", "expired", -3)],
)
def test_status_and_days_left_around_the_last_day(today, status, days_left):
    d = compute_deadline("appeal", "1404/01/15", today=today, calendar=FRIDAYS_ONLY)
    assert (d.status, d.days_left) == (status, days_left)


def test_today_may_be_a_gregorian_date():
    d = compute_deadline("appeal", "1404/01/15", today=dt.date(2025, 4, 26), calendar=FRIDAYS_ONLY)
    assert d.status == "last_day"


# --- Esfand in leap and non-leap years ------------------------------------------------------------
def test_crossing_esfand_of_a_leap_year_counts_its_30th_day():
    # 1403 is leap: 1403/12/20 + 10 = 1403/12/30, + 20 = 1404/01/10; the last day is the 21st day.
    d = compute_deadline("appeal", "1403/12/20", today="1404/01/01", calendar=FRIDAYS_ONLY)
    assert d.to_dict()["period_end"] == "1404/01/10"
    assert d.to_dict()["last_day"] == "1404/01/11"  # a Monday


def test_crossing_esfand_of_a_common_year_has_no_30th_day():
    # 1404 is not leap: 1404/12/20 + 9 = 1404/12/29, + 20 = 1405/01/11.
    d = compute_deadline("appeal", "1404/12/20", today="1405/01/01", calendar=FRIDAYS_ONLY)
    assert d.to_dict()["period_end"] == "1405/01/11"
    assert d.to_dict()["last_day"] == "1405/01/12"  # a Wednesday


def test_shipped_calendar_rolls_over_farvardin_holidays_and_a_friday():
    # t0+21 = 1405/01/12 (Islamic Republic Day), 01/13 (Nature Day) and 01/14 (a Friday) are closed.
    d = compute_deadline("appeal", "1404/12/20", today="1405/01/01")
    out = d.to_dict()
    assert out["last_day"] == "1405/01/15" and out["last_day_weekday_fa"] == "شنبه"
    assert out["rolled_from"] == "1405/01/12"
    assert "روز جمهوری اسلامی" in out["rolled_reason_fa"] and "روز طبیعت" in out["rolled_reason_fa"]


# --- residents abroad -----------------------------------------------------------------------------
def test_abroad_period_is_two_months_of_thirty_days():
    d = compute_deadline("appeal", "1404/01/15", abroad=True, today="1404/02/01", calendar=FRIDAYS_ONLY)
    out = d.to_dict()
    assert out["abroad"] is True and out["period_days"] == 60
    # 16 days left of Farvardin + 31 of Ordibehesht + 13 = 60 → 1404/03/13; the 61st day is a Wednesday.
    assert out["period_end"] == "1404/03/13"
    assert out["last_day"] == "1404/03/14"
    inland = compute_deadline("appeal", "1404/01/15", abroad=False, today="1404/02/01", calendar=FRIDAYS_ONLY)
    assert inland.to_dict()["last_day"] == "1404/02/06"


@pytest.mark.parametrize("kind", ["objection", "appeal", "cassation", "retrial", "defect_cure", "rejection_objection"])
def test_every_cpc_period_gives_sixty_days_to_a_resident_abroad(kind):
    # CPC 446 covers every CPC period, the objection to a clerk's rejection order included (DOMAIN §1).
    d = compute_deadline(kind, "1404/07/01", abroad=True, today="1404/07/01", calendar=FRIDAYS_ONLY)
    assert d.period_days == 60
    assert "ماده ۴۴۶" in d.basis
    assert "ماده ۴۴۶" not in compute_deadline(kind, "1404/07/01", today="1404/07/01", calendar=FRIDAYS_ONLY).basis


# --- holidays: only the last day rolls ------------------------------------------------------------
def test_a_holiday_inside_the_period_changes_nothing_but_one_on_the_last_day_rolls():
    # 1404/07/01 is a Tuesday; 10 days → period end Fri 07/11, last day Sat 07/12.
    base = compute_deadline("defect_cure", "1404/07/01", today="1404/07/01", calendar=FRIDAYS_ONLY)
    assert base.to_dict()["last_day"] == "1404/07/12"

    inside = CourtCalendar(official_holidays={"1404/07/05": "تعطیل آزمایشی"})
    assert compute_deadline("defect_cure", "1404/07/01", today="1404/07/01", calendar=inside).to_dict()["last_day"] == "1404/07/12"

    on_last = CourtCalendar(official_holidays={"1404/07/12": "تعطیل آزمایشی"})
    out = compute_deadline("defect_cure", "1404/07/01", today="1404/07/01", calendar=on_last).to_dict()
    assert out["last_day"] == "1404/07/13"
    assert out["rolled_from"] == "1404/07/12"
    assert "تعطیل آزمایشی" in out["rolled_reason_fa"]


def test_a_run_of_closed_days_rolls_to_the_first_open_one():
    cal = CourtCalendar(official_holidays=["1404/07/12", "1404/07/13"], closures=[{"date": "1404/07/14"}])
    out = compute_deadline("defect_cure", "1404/07/01", today="1404/07/01", calendar=cal).to_dict()
    assert out["last_day"] == "1404/07/15"


def test_thursday_weekend_is_a_setting():
    # served Sun 1404/07/06; 10 days → 07/16, the 11th day Thu 07/17.
    assert compute_deadline("defect_cure", "1404/07/06", today="1404/07/06", calendar=FRIDAYS_ONLY).to_dict()["last_day"] == "1404/07/17"
    thu_fri = CourtCalendar(weekend_days=(5, 6), official_holidays={})
    assert compute_deadline("defect_cure", "1404/07/06", today="1404/07/06", calendar=thu_fri).to_dict()["last_day"] == "1404/07/19"


# --- the two readings of CPC 445 ------------------------------------------------------------------
def test_strict_and_common_readings_are_both_reported_when_they_differ():
    # served Tue 1404/07/01: strict last day 07/11 is a Friday → 07/12; common 07/12 too: no difference.
    same = compute_deadline("defect_cure", "1404/07/01", today="1404/07/12", calendar=FRIDAYS_ONLY)
    assert same.interpretation_note_fa is None and not same.interpretation_matters_today

    # served Sun 1404/07/06: strict last day Wed 07/16, common Thu 07/17.
    d = compute_deadline("defect_cure", "1404/07/06", today="1404/07/17", calendar=FRIDAYS_ONLY)
    out = d.to_dict()
    assert out["strict_last_day"] == "1404/07/16" and out["last_day"] == "1404/07/17"
    assert out["status"] == "last_day"
    assert out["interpretation_matters_today"] is True
    assert "۴۴۵" in out["interpretation_note_fa"] and "فقط به برداشت رایج" in out["interpretation_note_fa"]

    earlier = compute_deadline("defect_cure", "1404/07/06", today="1404/07/10", calendar=FRIDAYS_ONLY).to_dict()
    assert earlier["interpretation_matters_today"] is False and earlier["interpretation_note_fa"]


# --- input ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("served", ["1404/01/15", "۱۴۰۴/۰۱/۱۵", "۱۴۰۴/۱/۱۵", "١٤٠٤-١-١٥", "15/1/1404"])
def test_persian_arabic_and_latin_digits_give_the_same_deadline(served):
    d = compute_deadline("appeal", served, today="۱۴۰۴/۰۲/۰۱", calendar=FRIDAYS_ONLY)
    assert d.to_dict()["served"] == "1404/01/15" and d.to_dict()["last_day"] == "1404/02/06"


@pytest.mark.parametrize("kind", ["تجدیدنظر", "تجدید نظر", "تجدید\u200cنظرخواهی", "appeal"])
def test_kind_may_be_named_in_persian(kind):
    assert compute_deadline(kind, "1404/01/15", today="1404/02/01", calendar=FRIDAYS_ONLY).rule.code == "appeal"


def test_impossible_date_is_a_clear_error():
    with pytest.raises(InvalidJalaliDate) as err:
        compute_deadline("appeal", "1404/13/40", today="1404/02/01", calendar=FRIDAYS_ONLY)
    assert "ماه ۱۳" in err.value.message_fa


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(UnknownDeadlineKind) as err:
        compute_deadline("divorce", "1404/01/15", calendar=FRIDAYS_ONLY)
    assert "appeal" in err.value.message_fa


def test_dict_keeps_the_keys_other_components_read():
    out = compute_deadline("objection", "1404/01/15", today="1404/03/01", calendar=FRIDAYS_ONLY).to_dict()
    for key in ("kind", "kind_fa", "served", "abroad", "period_days", "last_day", "last_day_weekday_fa", "days_left",
                "status", "rolled_from", "rolled_reason_fa", "interpretation_note_fa", "basis"):
        assert key in out
    assert out["kind_fa"] == "واخواهی" and "۳۰۶" in out["basis"] and "۴۴۳" in out["basis"]
    assert any("عذر موجه" in n for n in out["notes_fa"])


def test_service_after_today_is_pointed_out():
    d = compute_deadline("appeal", "1404/03/01", today="1404/02/01", calendar=FRIDAYS_ONLY)
    assert d.status == "open" and any("پس از امروز" in n for n in d.notes_fa)
    assert parse_jalali_date(d.to_dict()["last_day"]) > parse_jalali_date("1404/03/01")
