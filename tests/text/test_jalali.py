import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.checks.parse import _DATE_RE
from screening.text.jalali import (
    _FIND_RE,
    InvalidJalaliDate,
    JalaliDate,
    as_jalali,
    find_jalali_dates,
    format_jalali,
    format_jalali_fa,
    format_jalali_long_fa,
    month_length,
    parse_jalali_date,
)


@pytest.mark.parametrize(
    "written",
    ["1402/06/22", "1402/6/22", "۱۴۰۲/۶/۲۲", "١٤٠٢-٦-٢٢", "1402.06.22", " 1402 / 06 / 22 ", "22/6/1402", "۲۲-۰۶-۱۴۰۲"],
)
def test_every_written_form_reads_as_the_same_day(written):
    d = parse_jalali_date(written)
    assert (d.year, d.month, d.day) == (1402, 6, 22)
    assert format_jalali(d) == "1402/06/22"


def test_day_first_is_flagged():
    d = parse_jalali_date("11/2/1384")
    assert (d.year, d.month, d.day) == (1384, 2, 11) and d.day_first and not d.two_digit_year


def test_two_digit_year_is_read_and_flagged_for_a_warning():
    d = parse_jalali_date("85/3/23", reference_year=1404)
    assert (d.year, d.month, d.day) == (1385, 3, 23)
    assert d.two_digit_year
    assert not parse_jalali_date("1385/03/23").two_digit_year


def test_two_digit_year_gets_the_century_that_is_not_in_the_future():
    assert parse_jalali_date("03/5/10", reference_year=1404).year == 1403
    assert parse_jalali_date("05/5/10", reference_year=1404).year == 1405  # next year is plausible
    assert parse_jalali_date("10/5/10", reference_year=1404).year == 1310


@pytest.mark.parametrize(
    "written, words",
    [
        ("1404/13/40", "ماه ۱۳"),
        ("1404/12/30", "کبیسه نیست"),  # 1404 is not a leap year
        ("1404/07/31", "۳۰ روز"),  # Mehr has 30 days
        ("1404/01/00", "روز ۰"),
        ("2025/04/26", "میلادی"),
        ("402/1/1", "چهاررقمی"),
        ("فردا", "سال/ماه/روز"),
        ("1404/01", "سال/ماه/روز"),
    ],
)
def test_impossible_dates_raise_a_typed_error_with_a_persian_message(written, words):
    with pytest.raises(InvalidJalaliDate) as err:
        parse_jalali_date(written)
    assert isinstance(err.value, ValueError)
    assert words in err.value.message_fa


def test_esfand_30_exists_only_in_leap_years():
    assert parse_jalali_date("1403/12/30").is_leap_year  # 1403 is leap
    assert month_length(1403, 12) == 30 and month_length(1404, 12) == 29
    with pytest.raises(InvalidJalaliDate):
        JalaliDate(1404, 12, 30)


def test_weekday_and_gregorian_agree_with_the_calendar():
    d = parse_jalali_date("1404/02/06")
    assert d.to_gregorian() == dt.date(2025, 4, 26)
    assert d.weekday_fa == "شنبه"
    assert parse_jalali_date("1404/01/01").weekday_fa == "جمعه"  # Nowruz 1404 was a Friday
    assert as_jalali(dt.date(2025, 4, 26)) == d


def test_arithmetic_crosses_months_and_years():
    assert format_jalali(parse_jalali_date("1403/12/25").plus_days(6)) == "1404/01/01"  # leap Esfand has a 30th
    assert format_jalali(parse_jalali_date("1404/12/25").plus_days(5)) == "1405/01/01"
    assert parse_jalali_date("1404/01/15").days_until(parse_jalali_date("1404/02/06")) == 22


def test_persian_display():
    d = parse_jalali_date("1404/2/6")
    assert format_jalali_fa(d) == "۱۴۰۴/۰۲/۰۶"
    assert format_jalali_fa(d, weekday=True) == "شنبه ۱۴۰۴/۰۲/۰۶"
    assert format_jalali_long_fa(d) == "شنبه ۶ اردیبهشت ۱۴۰۴"


def test_find_dates_in_text_skips_amounts_and_impossible_dates():
    text = "دادنامه مورخ 1404/01/15 به مبلغ 3/000/000 و 20.000.000 ریال، تاریخ 1404/13/40 و قرارداد 12/3/1399 و بند 1.5.2"
    found = find_jalali_dates(text)
    assert [format_jalali(d) for _, _, d in found] == ["1404/01/15", "1399/03/12"]
    start, end, _ = found[0]
    assert text[start:end] == "1404/01/15"


# --- the date pattern that opens with a digit finds what the look-behind-first one found ----------

_LOOKBEHIND_FIRST = {
    "jalali": re.compile(r"(?<![\d/\-.])(\d{1,4})([/\-.])(\d{1,2})\2(\d{1,4})(?![\d/\-]|\.\d)"),
    "parse": re.compile(r"(?<![\d/])(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})(?![\d/])"),
}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("0123456789٣/-. ابت\n"), max_size=40))
def test_date_patterns_match_as_their_look_behind_first_forms(text):
    for ours, reference in ((_FIND_RE, _LOOKBEHIND_FIRST["jalali"]), (_DATE_RE, _LOOKBEHIND_FIRST["parse"])):
        assert [(m.span(), m.groups()) for m in ours.finditer(text)] == [(m.span(), m.groups()) for m in reference.finditer(text)]
