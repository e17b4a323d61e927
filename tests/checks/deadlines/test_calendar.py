import json

import pytest

from screening.checks.deadlines.calculator import compute_deadline
from screening.checks.deadlines.calendar import DEFAULT_CLOSURES_FILE, CalendarDataError, CourtCalendar, default_calendar
from screening.text.jalali import parse_jalali_date as j


def test_shipped_calendar_knows_fridays_and_official_holidays():
    cal = default_calendar()
    assert cal.closed_reasons_fa(j("1404/02/05")) == ["تعطیل هفتگی"]  # a Friday
    assert any("نوروز" in r for r in cal.closed_reasons_fa(j("1404/01/03")))
    assert any("جمهوری اسلامی" in r for r in cal.closed_reasons_fa(j("1405/01/12")))
    assert cal.is_open(j("1404/02/06"))


def test_shipped_closures_file_holds_the_tehran_closure_with_its_scope():
    data = json.loads(DEFAULT_CLOSURES_FILE.read_text(encoding="utf-8"))
    tehran = [c for c in data["closures"] if c["date"] == "1404/06/01"]
    assert tehran and tehran[0]["scope"] == "tehran"


def test_regional_closure_applies_only_to_offices_of_that_region():
    # 1404/06/01 (Saturday) is a Tehran judiciary closure.
    national = CourtCalendar.from_file()
    assert national.is_open(j("1404/06/01"))
    tehran = CourtCalendar.from_file(region="tehran")
    assert any("تهران" in r for r in tehran.closed_reasons_fa(j("1404/06/01")))


def test_deadline_ending_on_a_regional_closure_rolls_for_that_region_and_is_noted_elsewhere():
    # Fridays only plus the closures file; served Thu 1404/05/11 → t0+21 = Sat 1404/06/01 (Mordad has 31 days).
    tehran = CourtCalendar.from_file(official_holidays={}, region="tehran")
    elsewhere = CourtCalendar.from_file(official_holidays={})
    in_tehran = compute_deadline("appeal", "1404/05/11", today="1404/05/20", calendar=tehran).to_dict()
    other = compute_deadline("appeal", "1404/05/11", today="1404/05/20", calendar=elsewhere).to_dict()
    assert in_tehran["last_day"] == "1404/06/02" and in_tehran["rolled_from"] == "1404/06/01"
    assert other["last_day"] == "1404/06/01"
    assert any("تهران" in n for n in other["notes_fa"])


def test_office_edits_its_own_closures_file(tmp_path):
    f = tmp_path / "closures.json"
    f.write_text(json.dumps({
        "office_region": "isfahan",
        "weekend_days": ["thursday", "friday"],
        "closures": [{"date": "۱۴۰۴/۰۸/۰۳", "scope": "isfahan", "scope_fa": "اصفهان", "reason_fa": "آلودگی هوا"}],
    }, ensure_ascii=False), encoding="utf-8")
    cal = CourtCalendar.from_file(f, official_holidays={})
    assert cal.closed_reasons_fa(j("1404/08/03")) == ["آلودگی هوا (اصفهان)"]
    assert not cal.is_open(j("1404/08/01"))  # a Thursday
    assert cal.next_open_day(j("1404/08/01"))[0] == j("1404/08/04")


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "خوانا نیست"),
        (json.dumps({"closures": [{"date": "1404/13/40"}]}), "ماه ۱۳"),
        (json.dumps({"closures": [{"scope": "tehran"}]}), "date"),
        (json.dumps({"weekend_days": ["fri"]}), "weekend_days"),
    ],
)
def test_broken_closures_file_is_a_persian_error(tmp_path, content, words):
    f = tmp_path / "closures.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarDataError) as err:
        CourtCalendar.from_file(f)
    assert words in err.value.message_fa


def test_missing_closures_file_is_a_persian_error(tmp_path):
    with pytest.raises(CalendarDataError) as err:
        CourtCalendar.from_file(tmp_path / "none.json")
    assert "یافت نشد" in err.value.message_fa
