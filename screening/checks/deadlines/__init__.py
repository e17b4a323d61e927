"""Deadlines to act on a served ruling or notice (DOMAIN.md §6): rules as data, a court calendar,
the calculator, detection in petition text and the pipeline step «deadline»."""
from screening.checks.deadlines.calculator import Deadline, compute_deadline
from screening.checks.deadlines.calendar import CalendarDataError, Closure, CourtCalendar, default_calendar
from screening.knowledge.deadlines import DEADLINE_RULES, DeadlineRule, UnknownDeadlineKind, rule_for

__all__ = [
    "DEADLINE_RULES",
    "CalendarDataError",
    "Closure",
    "CourtCalendar",
    "Deadline",
    "DeadlineRule",
    "UnknownDeadlineKind",
    "compute_deadline",
    "default_calendar",
    "rule_for",
]
