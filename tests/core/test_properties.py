"""screen() never raises on arbitrary text: it either reports or refuses with UnusableInput."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.pipeline import UnusableInput

PERSIANISH = st.text(alphabet=st.sampled_from(list("خواهانده:به طرفیت‌ خواسته مقوم ریال تومان چک 0123456789۰۱۲۳/,.\n-()ًيك")), max_size=2000)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=20_000), PERSIANISH))
def test_screen_never_raises(screener, text):
    try:
        report = screener.screen(text)
    except UnusableInput as exc:
        assert exc.message_fa
        return
    d = report.to_dict()
    assert d["schema"] == "petition-screening/report/v1"
    for f in report.findings:
        if f.span is not None:
            assert 0 <= f.span.start <= f.span.end <= len(text)
