"""Seeded office records for the records tests, the browser test and the bench: real petitions,
screened by the real pipeline, recorded at chosen times and offices."""
from __future__ import annotations

import datetime as _dt
import random

from screening.records.store import Decision, RecordStore
from tests.petition_factory import make_petition

OFFICES = ("tehran-101", "tehran-102", "karaj-7")
KINDS = ("cheque", "mahr", "eviction")


def seeded_petition(rng: random.Random, i: int) -> str:
    """A petition; about one in four has no plaintiff address (a BLOCKER), half miss key evidence."""
    text = make_petition(rng, KINDS[i % len(KINDS)], complete=rng.random() < 0.5)
    if i % 4 == 0:
        lines = text.splitlines()
        text = "\n".join(("خواهان: " + line.split("خواهان: ", 1)[1].split(" به نشانی")[0]) if line.startswith("خواهان:")
                         else line for line in lines)
    return text + f"\nشماره داخلی {i}\n"  # every text distinct


def seed(store: RecordStore, screener, n: int = 30, *, now: _dt.datetime, weeks: int = 6, seed: int = 5,
         outcomes: bool = True) -> list[str]:
    """Record `n` screenings spread over the last `weeks` weeks; returns their references."""
    rng = random.Random(seed)
    refs = []
    clock = store.clock
    office = store.office_id
    try:
        for i in range(n):
            text = seeded_petition(rng, i)
            report = screener.screen(text)
            at = now - _dt.timedelta(days=rng.randint(0, weeks * 7 - 1), hours=rng.randint(0, 8))
            store.clock = lambda at=at: at
            store.office_id = OFFICES[i % len(OFFICES)]
            ref = store.record(report, text)
            refs.append(ref)
            if report.findings and i % 3 == 0:
                f = report.findings[0]
                store.decide(ref, [Decision(f.code, "handled", None, 0)])
            if outcomes and i % 2 == 0:
                outcome = "not_heard" if any(f.severity.value in ("BLOCKER", "FRUITLESS") for f in report.findings) else "accepted"
                store.set_outcome(ref, outcome, ruling_number=f"1404{i:06d}", ruling_date=None, entered_by="seed")
    finally:
        store.clock = clock
        store.office_id = office
    return refs
