"""petition-screening: screen Persian civil petitions before they are filed.

    from screening import screen
    report = screen(text)        # -> screening.report.Report
    report.to_dict()             # the JSON contract petition-screening/report/v1
"""
from screening.pipeline import Screener, UnusableInput, screen
from screening.report import Finding, Report, Severity

__all__ = ["screen", "Screener", "UnusableInput", "Report", "Finding", "Severity"]
__version__ = "0.1.0"
