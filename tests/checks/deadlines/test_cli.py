"""`screening deadline ...` as an office worker runs it."""
import json
import subprocess
import sys

import pytest

from screening.cli.main import main


def test_worked_example_prints_the_rolled_last_day(capsys):
    assert main(["deadline", "--kind", "appeal", "--served", "1404/01/15", "--today", "1404/02/01"]) == 0
    out = capsys.readouterr().out
    assert "شنبه ۱۴۰۴/۰۲/۰۶" in out and "جمعه ۱۴۰۴/۰۲/۰۵" in out and "۵ روز مانده" in out


def test_json_output_with_persian_kind_digits_and_abroad(capsys):
    code = main(["deadline", "--kind", "تجدیدنظر", "--served", "۱۴۰۴/۱/۱۵", "--abroad", "--today", "۲۰۲۵-۰۴-۲۶", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "appeal" and out["abroad"] is True and out["period_days"] == 60
    assert out["period_end"] == "1404/03/13" and out["today"] == "1404/02/06"


def test_last_day_and_expired_are_stated(capsys):
    main(["deadline", "--kind", "appeal", "--served", "1404/01/15", "--today", "1404/02/06"])
    assert "امروز آخرین روز مهلت" in capsys.readouterr().out
    main(["deadline", "--kind", "appeal", "--served", "1404/01/15", "--today", "1404/02/09"])
    assert "۳ روز گذشته" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, words",
    [
        (["--kind", "appeal", "--served", "1404/13/40"], "ماه ۱۳"),
        (["--kind", "appeal", "--served", "1404/12/30"], "کبیسه"),
        (["--kind", "appeal", "--served", "1404/01/15", "--today", "1404/02/32"], "۳۱ روز"),
        (["--kind", "divorce", "--served", "1404/01/15"], "شناخته نیست"),
    ],
)
def test_bad_input_exits_2_with_one_persian_line(capsys, args, words):
    assert main(["deadline", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and words in captured.err


@pytest.mark.slow
def test_console_script_runs_as_a_process():
    proc = subprocess.run(
        [sys.executable, "-m", "screening.cli.main", "deadline", "--kind", "cassation", "--served", "1404/01/15",
         "--today", "1404/02/01", "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["last_day"] == "1404/02/06"
