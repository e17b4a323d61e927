import pytest

from screening.checks.deadlines.detect import detect, detect_abroad, detect_kind, detect_service_date
from screening.text.digits import to_ascii_digits
from screening.text.jalali import format_jalali
from screening.text.normalize import normalise

from .petitions import APPEAL_NO_SERVICE_DATE, APPEAL_PERSIAN_DIGITS, FIRST_INSTANCE, OBJECTION_ABROAD


@pytest.fixture(scope="module")
def norm():
    return {name: normalise(text) for name, text in {
        "appeal": APPEAL_PERSIAN_DIGITS, "objection": OBJECTION_ABROAD, "first": FIRST_INSTANCE,
        "no_date": APPEAL_NO_SERVICE_DATE,
    }.items()}


def test_appeal_petition_is_recognised_with_its_service_date(norm):
    cues = detect(norm["appeal"])
    assert cues.kind == "appeal"
    assert format_jalali(cues.service_date) == "1404/01/15"
    s, e = cues.service_span
    assert norm["appeal"][s:e] == "1404/01/15"
    assert cues.abroad is False


def test_objection_by_a_resident_abroad(norm):
    cues = detect(norm["objection"])
    assert cues.kind == "objection" and cues.abroad is True
    assert format_jalali(cues.service_date) == "1404/01/15"


def test_first_instance_petition_mentioning_an_appealable_ruling_is_not_a_review(norm):
    assert detect(norm["first"]).kind is None


def test_appeal_without_a_service_date(norm):
    cues = detect(norm["no_date"])
    assert cues.kind == "appeal" and cues.service_date is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("دادخواست فرجام‌خواهی از دادنامه شماره 12 به دیوان عالی کشور", "cassation"),
        ("درخواست اعاده دادرسی نسبت به دادنامه شماره 5", "retrial"),
        ("اعتراض به قرار رد دادخواست صادره از مدیر دفتر", "rejection_objection"),
        ("اعتراض به حکم غیابی شماره 7", "objection"),
        ("تجدید نظرخواهی از دادنامه شماره 9", "appeal"),
        ("مطالبه وجه سفته", None),
    ],
)
def test_kinds(text, kind):
    assert detect_kind(text)[0] == kind


@pytest.mark.parametrize(
    "text, date",
    [
        ("تاریخ ابلاغ دادنامه: 1404/02/10", "1404/02/10"),
        ("دادنامه شماره 12 مورخ 1404/01/05 که در تاریخ 1404/01/15 ابلاغ شد", "1404/01/15"),
        ("دادنامه مورخ 1404/01/05 ابلاغ شده در 1404/01/15 را", "1404/01/15"),
        ("ابلاغیه مورخ 1404/03/02 در ثنا", "1404/03/02"),
        ("دادنامه مورخ 1404/01/05. ابلاغ نشده است.", None),
        ("تاریخ ابلاغ: 1404/13/40", None),
    ],
)
def test_service_dates(text, date):
    found, _ = detect_service_date(to_ascii_digits(text))
    assert (format_jalali(found) if found else None) == date


@pytest.mark.parametrize(
    "text, abroad",
    [
        ("اینجانب مقیم خارج از کشور هستم", True),
        ("تجدیدنظرخواه ساکن خارج از کشور است", True),
        ("تجدیدنظرخواه: علی\nتجدیدنظرخوانده: حسن که مقیم خارج از کشور است", False),
        ("خوانده مقیم خارج از کشور است", False),
        ("اینجانب مقیم تهران هستم", False),
    ],
)
def test_abroad_means_the_applicant_lives_abroad(text, abroad):
    assert detect_abroad(normalise(text))[0] is abroad
