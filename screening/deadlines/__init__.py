"""Deadlines to act on a served ruling or notice (DOMAIN.md §6): rules as data, a court calendar,
the calculator, detection in petition text and the pipeline step «deadline»."""
from screening.deadlines.calculator import Deadline, compute_deadline
from screening.deadlines.calendar import CalendarDataError, Closure, CourtCalendar, default_calendar
from screening.deadlines.rules import DEADLINE_RULES, DeadlineRule, UnknownDeadlineKind, rule_for

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
