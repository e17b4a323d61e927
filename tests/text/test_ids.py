"""Identity formats of DOMAIN.md §8, with its worked examples and their broken variants."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from screening.text.ids import (
    PostalCheck,
    check_postal_code,
    is_valid_iban,
    is_valid_legal_id,
    is_valid_national_id,
    normalise_mobile,
    normalise_national_id,
)


def _national_check_digit(nine: str) -> str:
    r = sum(int(c) * (10 - i) for i, c in enumerate(nine)) % 11
    return str(r if r < 2 else 11 - r)


# ---------------------------------------------------------------- کد ملی


@pytest.mark.parametrize(
    "s",
    ["0076229645", "۰۰۷۶۲۲۹۶۴۵", "٠٠٧٦٢٢٩٦٤٥", "007-622964-5", " 0076 2296 45 ", "00۷6229٦45", "\u200f0076229645"],
)
def test_worked_national_id_is_valid_in_any_digits_and_spacing(s):
    assert is_valid_national_id(s)
    assert normalise_national_id(s) == "0076229645"


def test_national_id_short_forms_are_left_padded():
    assert is_valid_national_id("76229645")  # 8 digits
    assert is_valid_national_id("076229645")  # 9 digits
    assert normalise_national_id("76229645") == "0076229645"


@pytest.mark.parametrize(
    "s",
    [
        "0076229644",  # check digit changed
        "0076229655",  # a payload digit changed
        "1076229645",  # first digit changed
        "1111111111",  # all the same digit (its checksum would pass)
        "0000000000",
        "7622964",  # too short
        "00076229645",  # too long
        "0076229a45",
        "",
        "0010000003",  # digits 4-9 all zero (its checksum would pass)
    ],
)
def test_invalid_national_ids(s):
    assert not is_valid_national_id(s)
    assert normalise_national_id(s) is None


def test_all_same_digit_is_rejected_even_though_its_checksum_passes():
    # 1111111111: s = 54, r = 10, check = 1 → the checksum alone would accept it.
    assert _national_check_digit("111111111") == "1"
    assert not is_valid_national_id("1111111111")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_computed_check_digit_is_accepted_and_any_other_rejected(nine):
    good = nine + _national_check_digit(nine)
    if good == good[0] * 10 or good[3:9] == "000000":
        assert not is_valid_national_id(good)
        return
    assert is_valid_national_id(good)
    for d in "0123456789":
        if d != good[9]:
            assert not is_valid_national_id(nine + d)


def test_non_string_input_is_not_valid():
    assert not is_valid_national_id(None)  # type: ignore[arg-type]
    assert not is_valid_national_id(76229645)  # type: ignore[arg-type]


# ---------------------------------------------------------------- شناسه ملی


@pytest.mark.parametrize("s", ["10380284790", "۱۰۳۸۰۲۸۴۷۹۰", "103-8028-4790", "1038 0284 790"])
def test_worked_legal_id_is_valid(s):
    assert is_valid_legal_id(s)


@pytest.mark.parametrize(
    "s",
    [
        "10380284791",  # check digit changed
        "10380284780",  # digit 10 changed
        "10380294790",  # a middle digit changed
        "1038028479",  # 10 digits
        "103802847900",  # 12 digits
        "10300000008",  # digits 4-9 all zero (its checksum would pass)
        "",
    ],
)
def test_invalid_legal_ids(s):
    assert not is_valid_legal_id(s)


def test_a_national_id_is_not_a_legal_id():
    assert not is_valid_legal_id("0076229645")
    assert not is_valid_national_id("10380284790")


# ---------------------------------------------------------------- کد پستی


def test_postal_code_strict_shape_is_valid_and_not_suspicious():
    assert check_postal_code("1193653471") == PostalCheck(True, False, "1193653471")
    assert check_postal_code("۱۱۹۳۶-۵۳۴۷۱") == PostalCheck(True, False, "1193653471")


@pytest.mark.parametrize("s", ["1193553471", "1111153471", "1193612345"])
def test_postal_code_valid_but_outside_strict_shape_is_suspicious(s):
    # fifth digit 5 / four equal leading digits / a 2 in the last five
    result = check_postal_code(s)
    assert result.valid and result.suspicious and result.code == s


@pytest.mark.parametrize("s", ["1023653471", "1193253471", "119365347", "11936534711", "abcdefghij", ""])
def test_invalid_postal_codes(s):
    result = check_postal_code(s)
    assert not result.valid and not result.suspicious and result.code is None


# ---------------------------------------------------------------- mobile


@pytest.mark.parametrize(
    "s", ["09121234567", "9121234567", "+989121234567", "00989121234567", "989121234567",
          "۰۹۱۲ ۱۲۳ ۴۵۶۷", "0912-123-4567", "+98 912 123 4567"],
)
def test_mobile_prefixes_normalise_to_09(s):
    assert normalise_mobile(s) == "09121234567"


@pytest.mark.parametrize("s", ["0912123456", "091212345678", "08121234567", "02188776655", "+99121234567", "", "0912abc4567"])
def test_invalid_mobiles(s):
    assert normalise_mobile(s) is None


# ---------------------------------------------------------------- شبا


@pytest.mark.parametrize(
    "s",
    ["IR820540102680020817909002", "ir820540102680020817909002", "IR82 0540 1026 8002 0817 9090 02",
     "IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲"],
)
def test_worked_iban_is_valid(s):
    assert is_valid_iban(s)


@pytest.mark.parametrize(
    "s",
    ["IR820540102680020817909003", "IR830540102680020817909002", "IR82054010268002081790900",
     "IR8205401026800208179090021", "DE820540102680020817909002", "820540102680020817909002", ""],
)
def test_invalid_ibans(s):
    assert not is_valid_iban(s)


@given(st.integers(min_value=2, max_value=25), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_breaks_the_iban(pos, delta):
    good = "IR820540102680020817909002"
    digit = (int(good[pos]) + delta) % 10
    assert not is_valid_iban(good[:pos] + str(digit) + good[pos + 1:])
