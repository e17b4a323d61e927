"""Money amounts (DOMAIN.md §9): digits, number words, units, reversed groups, the words/digits pair."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from screening.text.amounts import Amount, find_amounts, parse_amount, parse_number_words, to_ascii_digits


def test_to_ascii_digits_maps_persian_and_arabic_and_keeps_the_rest():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_ascii_digits("مورخ ۱۴۰۴/٠١/15") == "مورخ 1404/01/15"
    assert to_ascii_digits("ریال") == "ریال"


# ---------------------------------------------------------------- parse_number_words


@pytest.mark.parametrize(
    "words, value",
    [
        ("یک", 1), ("نه", 9), ("ده", 10), ("یازده", 11), ("پانزده", 15), ("پونزده", 15), ("نوزده", 19),
        ("بیست", 20), ("نود", 90), ("بیست و پنج", 25), ("نود و نه", 99),
        ("صد", 100), ("یکصد", 100), ("یک‌صد", 100), ("یک صد", 100), ("دویست", 200), ("سیصد", 300),
        ("سی صد", 300), ("چهار صد", 400), ("پانصد", 500), ("پونصد", 500), ("نهصد و نود و نه", 999),
        ("هزار", 1000), ("یکهزار", 1000), ("یک هزار", 1000), ("هزار و یک", 1001),
        ("یکصد هزار", 100_000), ("سیصد و پنجاه هزار", 350_000),
        ("پانصد میلیون", 500_000_000), ("چهارصد و پنجاه میلیون", 450_000_000),
        ("دو و نیم میلیون", 2_500_000), ("نیم میلیون", 500_000), ("یک میلیارد و نیم", 1_500_000_000),
        ("یک میلیارد و پانصد میلیون", 1_500_000_000), ("هزار و پانصد میلیون", 1_500_000_000),
        ("یک بیلیون", 1_000_000_000), ("سه هزار میلیارد", 3 * 10**12),
        ("یک میلیون و دویست و سی و چهار هزار و پانصد و شصت و هفت", 1_234_567),
        ("۵۰۰ میلیون", 500_000_000), ("450 میلیون", 450_000_000), ("1.5 میلیارد", 1_500_000_000),
        ("۲/۵ میلیون", 2_500_000), ("۱٫۲۵۰ میلیارد", 1_250_000_000), ("۴۵۰ میلیون و ۵۰۰ هزار", 450_500_000), ("1,500 میلیون", 1_500_000_000),
        ("يک ميليون", 1_000_000),  # Arabic ي / ك forms
    ],
)
def test_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    "s",
    ["", "ریال", "پنج بیست", "بیست بیست", "یک میلیون و دو میلیون", "دو میلیون هزار", "سینه",
     "نیم", "دو و نیم", "1404/01/15", "پانصد تومان", "بیست و"],
)
def test_not_one_number(s):
    assert parse_number_words(s) is None


# ---------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    "s, rial",
    [
        ("450,000,000 ریال", 450_000_000),
        ("۴۵۰/۰۰۰/۰۰۰ ریال", 450_000_000),
        ("200.000.000 ریال", 200_000_000),
        ("۱,۰۰۰,۰۰۰,۰۰۰ ریال", 1_000_000_000),
        ("۴۵۰٬۰۰۰٬۰۰۰ ریال", 450_000_000),
        ("٤٥٠،٠٠٠،٠٠٠ ريال", 450_000_000),
        ("۴۵۰ , ۰۰۰ , ۰۰۰ ریال", 450_000_000),  # spaced by a normaliser
        ("5000000 ریال", 5_000_000),
        ("پانصد میلیون ریال", 500_000_000),
        ("450 میلیون ریال", 450_000_000),
        ("مبلغ یک میلیارد و پانصد میلیون ریال", 1_500_000_000),
    ],
)
def test_parse_amount_in_rial(s, rial):
    a = parse_amount(s)
    assert a is not None and a.rial == rial and a.unit == "rial" and not a.unit_assumed
    assert a.text == s


def test_toman_is_ten_rial():
    a = parse_amount("صد میلیون تومان")
    assert a == Amount(1_000_000_000, "toman", False, False, True, "صد میلیون تومان")
    assert parse_amount("۴۵,۰۰۰,۰۰۰ تومان").rial == 450_000_000
    assert parse_amount("2.5 تومان").rial == 25
    assert parse_amount("۱۲٫۵ تومان").rial == 125
    assert parse_amount("۱۲ ٫ ۵۰۰ تومان").rial == 125  # «٫» is the decimal point, even spaced


def test_no_unit_means_rial_assumed():
    a = parse_amount("450,000,000")
    assert a.rial == 450_000_000 and a.unit == "rial" and a.unit_assumed and not a.from_words


def test_reversed_groups_from_rtl_copy_are_put_back():
    a = parse_amount("۰۰۰/۰۰۰/۲۰")
    assert a.rial == 20_000_000 and a.reversed_groups
    assert parse_amount("000,000,450 ریال").rial == 450_000_000
    assert not parse_amount("20/000/000").reversed_groups


def test_from_words_flag():
    assert parse_amount("دویست میلیون ریال").from_words
    assert parse_amount("۲۰۰ میلیون ریال").from_words
    assert not parse_amount("200,000,000 ریال").from_words


@pytest.mark.parametrize(
    "s", ["", "ریال", "1404/01/15", "0076229645", "09121234567", "پانصد میلیون دلار", "45,00,000 ریال",
          "1.25 ریال"],
)
def test_not_an_amount(s):
    assert parse_amount(s) is None


@given(st.integers(min_value=1, max_value=10**13))
def test_any_grouped_number_round_trips(n):
    for sep in (",", "/", ".", "٬"):
        written = f"{n:,}".replace(",", sep)
        a = parse_amount(written + " ریال")
        assert a is not None and a.rial == n and not a.reversed_groups


# ---------------------------------------------------------------- find_amounts


def _one(text):
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


def test_words_and_digits_pair_is_one_match_with_both_values():
    text = "به خواسته مطالبه مبلغ چهارصد و پنجاه میلیون ریال (450,000,000 ریال) بابت چک"
    m = _one(text)
    assert m.words_rial == m.digits_rial == m.rial == 450_000_000
    assert not m.values_differ and not m.unit_assumed
    assert text[m.start:m.end] == m.text == "چهارصد و پنجاه میلیون ریال (450,000,000 ریال)"


def test_pair_that_disagrees_is_flagged():
    m = _one("مبلغ چهارصد میلیون ریال (450,000,000 ریال)")
    assert m.words_rial == 400_000_000 and m.digits_rial == 450_000_000 and m.values_differ


@pytest.mark.parametrize(
    "text",
    [
        "450,000,000 ریال (چهارصد و پنجاه میلیون ریال)",
        "چهارصد و پنجاه میلیون (450,000,000) ریال",
        "چهارصد و پنجاه میلیون (450,000,000 ریال)",
        "چهارصد و پنجاه میلیون ریال (۴۵۰/۰۰۰/۰۰۰)",
        "چهل و پنج میلیون تومان (450,000,000 ریال)",  # each side in its own unit
    ],
)
def test_pair_variants(text):
    m = _one(text)
    assert m.words_rial == m.digits_rial == 450_000_000 and not m.unit_assumed
    assert m.start == 0 and m.end == len(text)


def test_pair_with_toman_on_both_sides():
    m = _one("مقوم به پنجاه میلیون تومان (50,000,000 تومان)")
    assert m.rial == 500_000_000 and m.unit == "toman"


def test_unitless_pair_is_taken_for_large_sums_or_after_mablagh():
    m = _one("خواسته: چهارصد و پنجاه میلیون (450,000,000)")
    assert m.rial == 450_000_000 and m.unit_assumed
    assert _one("مبلغ یکصد هزار (100,000)").rial == 100_000


def test_amounts_in_text_order_with_offsets():
    text = "مبلغ 1,000,000 تومان و 20 میلیون ریال و دو و نیم میلیون ریال و ۰۰۰/۰۰۰/۲۰ ریال"
    found = find_amounts(text)
    assert [m.rial for m in found] == [10_000_000, 20_000_000, 2_500_000, 20_000_000]
    assert [m.unit for m in found] == ["toman", "rial", "rial", "rial"]
    assert found[2].words_rial == 2_500_000 and found[2].digits_rial is None
    assert found[3].reversed_groups and found[3].text == "۰۰۰/۰۰۰/۲۰ ریال"
    for m in found:
        assert text[m.start:m.end] == m.text


def test_mixed_persian_arabic_latin_digits():
    text = "مبلغ ۴۵۰,٠٠٠,000 ريال"
    m = _one(text)
    assert m.rial == 450_000_000 and text[m.start:m.end] == "۴۵۰,٠٠٠,000 ريال"


def test_amount_after_mablagh_without_unit():
    m = _one("مقوم به 300,000,000 و هزینه دادرسی")
    assert m.rial == 300_000_000 and m.unit_assumed and m.text == "300,000,000"


def test_number_words_before_the_amount_are_not_swallowed():
    m = _one("سال 1404. 450,000 ریال")
    assert m.rial == 450_000 and m.text == "450,000 ریال"
    m = _one("نه 450,000 ریال")
    assert m.rial == 450_000
    m = _one("مورخ 1404/01/15 450,000,000 ریال")
    assert m.rial == 450_000_000


def test_dates_ids_phones_and_cheque_numbers_are_not_amounts():
    text = (
        "خواهان با کد ملی 0076229645 و شناسه ملی 10380284790 تلفن 09121234567 "
        "چک شماره 1234567 مورخ 1403/12/01 و دادنامه 140468390001234567 "
        "کد پستی 1193653471 ماده پنجاه و یک (51) و سه (3) فقره چک به تاریخ (1404/01/15) "
        "مبلغ 3 فقره و مبلغ ده درصد و مبلغ 10 درصد"
    )
    assert find_amounts(text) == []


def test_leading_zero_runs_are_not_money_even_before_a_unit():
    assert find_amounts("شماره 09121234567 ریال") == []


def test_amount_next_to_dates_and_cheque_number():
    text = "چک شماره 1234567 مورخ 1403/12/01 به مبلغ 200,000,000 (دویست میلیون) ریال"
    m = _one(text)
    assert m.digits_rial == m.words_rial == 200_000_000 and m.text == "200,000,000 (دویست میلیون) ریال"


def test_no_amount_no_anchor():
    assert find_amounts("") == []
    assert find_amounts("ریاست محترم دادگاه") == []


def test_many_amounts_in_a_long_text_are_all_found_in_order():
    text = " و ".join(f"مبلغ {i:,} ریال (سه هزار)" if i % 2 else f"{i:,} تومان" for i in range(1000, 6000))
    found = find_amounts(text)
    assert [m.rial for m in found[:3]] == [10_000, 1001, 10_020]
    assert len(found) == 5000
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(
    "hostile",
    ["1" * 100_000 + " ریال", "1," * 50_000 + " ریال", "یک " * 50_000 + "ریال", " " * 100_000 + "ریال",
     "(" * 50_000 + "1 ریال", "مبلغ " * 40_000],
)
def test_hostile_input_ends_quickly_without_error(hostile):
    found = find_amounts(hostile)
    assert all(hostile[m.start:m.end] == m.text for m in found)


@given(st.text(alphabet="0123456789,/. ()ریالتومانمبلغیکصدهزارمیلیونو\u200c\n۴۵", max_size=200))
def test_find_amounts_never_fails_and_offsets_hold(text):
    for m in find_amounts(text):
        assert text[m.start:m.end] == m.text
        assert m.rial >= 0
