"""The numbers of the provincial dashboard, computed from the records of a period.

Weeks start on Saturday, as the Iranian working week does. Everything here is counts, shares and
means; the web layer draws them.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from screening.records.models import Outcome, Record, RecordFinding
from screening.records.store import RecordStore
from screening.training.rulings import FRUITLESS_OUTCOMES, OUTCOMES

CALIBRATION_BINS = 5  # 0–20 %, …, 80–100 %: few outcomes arrive, so few bins
TOP_FINDINGS = 10


@dataclass(frozen=True)
class Filters:
    weeks: int = 12
    office_id: str | None = None
    claim_type: str | None = None


@dataclass(frozen=True)
class WeekRow:
    week_start: _dt.date
    petitions: int
    findings: int
    with_blockers: int

    @property
    def blocker_share(self) -> float | None:
        return self.with_blockers / self.petitions if self.petitions else None


@dataclass(frozen=True)
class GroupRow:
    key: str
    petitions: int
    findings: int
    with_blockers: int
    mean_probability: float | None
    outcomes: int
    fruitless: int

    @property
    def blocker_share(self) -> float | None:
        return self.with_blockers / self.petitions if self.petitions else None

    @property
    def findings_per_petition(self) -> float | None:
        return self.findings / self.petitions if self.petitions else None

    @property
    def fruitless_rate(self) -> float | None:
        return self.fruitless / self.outcomes if self.outcomes else None


@dataclass(frozen=True)
class CalibrationRow:
    low: float
    high: float
    n: int
    mean_predicted: float | None
    observed: float | None


@dataclass
class Dashboard:
    filters: Filters
    since: _dt.date
    petitions: int = 0
    with_blockers: int = 0
    weeks: list[WeekRow] = field(default_factory=list)
    top_findings: list[tuple[str, str, int]] = field(default_factory=list)  # code, severity, count
    decisions: dict[str, int] = field(default_factory=dict)  # handled / overridden / open
    by_office: list[GroupRow] = field(default_factory=list)
    by_claim_type: list[GroupRow] = field(default_factory=list)
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    outcomes_entered: int = 0
    calibration: list[CalibrationRow] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    claim_types: list[str] = field(default_factory=list)

    @property
    def blocker_share(self) -> float | None:
        return self.with_blockers / self.petitions if self.petitions else None


def week_start(day: _dt.date) -> _dt.date:
    """The Saturday on or before `day` (Python: Monday=0 … Saturday=5)."""
    return day - _dt.timedelta(days=(day.weekday() - 5) % 7)


def build_dashboard(store: RecordStore, filters: Filters, today: _dt.date | None = None) -> Dashboard:
    today = today or store.clock().date()
    first_week = week_start(today) - _dt.timedelta(weeks=max(filters.weeks, 1) - 1)
    since = _dt.datetime.combine(first_week, _dt.time(), tzinfo=_dt.timezone.utc)
    where = [Record.screened_at >= since]
    if filters.office_id:
        where.append(Record.office_id == filters.office_id)
    if filters.claim_type:
        where.append(Record.claim_type == filters.claim_type)
    board = Dashboard(filters=filters, since=first_week)

    with store.session() as s:
        board.offices = list(s.scalars(select(Record.office_id).distinct().order_by(Record.office_id)))
        board.claim_types = list(s.scalars(select(Record.claim_type).distinct().order_by(Record.claim_type)))
        finding_counts = (
            select(RecordFinding.record_id, func.count(RecordFinding.id).label("n"))
            .group_by(RecordFinding.record_id).subquery()
        )
        rows = s.execute(
            select(Record.screened_at, Record.office_id, Record.claim_type, Record.blockers,
                   Record.fruitless_probability, Outcome.outcome, func.coalesce(finding_counts.c.n, 0))
            .outerjoin(Outcome, Outcome.record_id == Record.id)
            .outerjoin(finding_counts, finding_counts.c.record_id == Record.id)
            .where(*where)
        ).all()
        top = s.execute(
            select(RecordFinding.code, RecordFinding.severity, func.count(RecordFinding.id).label("n"))
            .join(Record, Record.id == RecordFinding.record_id).where(*where)
            .group_by(RecordFinding.code, RecordFinding.severity)
            .order_by(func.count(RecordFinding.id).desc(), RecordFinding.code).limit(TOP_FINDINGS)
        ).all()
        board.top_findings = [(code, sev, n) for code, sev, n in top]
        decided = s.execute(
            select(RecordFinding.decision, func.count(RecordFinding.id))
            .join(Record, Record.id == RecordFinding.record_id).where(*where).group_by(RecordFinding.decision)
        ).all()
        board.decisions = {(d or "open"): n for d, n in decided}

    weeks: dict[_dt.date, list[int]] = {first_week + _dt.timedelta(weeks=i): [0, 0, 0] for i in range(max(filters.weeks, 1))}
    offices: dict[str, list] = defaultdict(lambda: [0, 0, 0, [], 0, 0])
    claims: dict[str, list] = defaultdict(lambda: [0, 0, 0, [], 0, 0])
    outcome_counts: Counter[str] = Counter()
    scored: list[tuple[float, int]] = []
    for screened_at, office, claim, blockers, p, outcome, n_findings in rows:
        w = weeks.setdefault(week_start(screened_at.date()), [0, 0, 0])
        w[0] += 1
        w[1] += n_findings
        w[2] += blockers > 0
        for group in (offices[office], claims[claim]):
            group[0] += 1
            group[1] += n_findings
            group[2] += blockers > 0
            if p is not None:
                group[3].append(p)
            if outcome:
                group[4] += 1
                group[5] += outcome in FRUITLESS_OUTCOMES
        if outcome:
            outcome_counts[outcome] += 1
            if p is not None:
                scored.append((p, int(outcome in FRUITLESS_OUTCOMES)))
    board.petitions = len(rows)
    board.with_blockers = sum(1 for r in rows if r[3] > 0)
    board.weeks = [WeekRow(k, *v) for k, v in sorted(weeks.items())]
    board.by_office = _groups(offices)
    board.by_claim_type = _groups(claims)
    board.outcomes = [(code, outcome_counts[code]) for code in OUTCOMES if outcome_counts[code]]
    board.outcomes_entered = sum(outcome_counts.values())
    board.calibration = calibration(scored)
    return board


def _groups(groups: dict[str, list]) -> list[GroupRow]:
    out = [
        GroupRow(key, n, f, b, (sum(ps) / len(ps)) if ps else None, o, fr)
        for key, (n, f, b, ps, o, fr) in groups.items()
    ]
    return sorted(out, key=lambda g: (-g.petitions, g.key))


def calibration(scored: list[tuple[float, int]], bins: int = CALIBRATION_BINS) -> list[CalibrationRow]:
    """Mean predicted probability against the observed fruitless share, per probability bin."""
    out = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [(p, y) for p, y in scored if low <= p < high or (i == bins - 1 and p == 1.0)]
        out.append(CalibrationRow(
            low, high, len(inside),
            sum(p for p, _ in inside) / len(inside) if inside else None,
            sum(y for _, y in inside) / len(inside) if inside else None,
        ))
    return out
