"""Office records: what was screened, what the expert decided, what the court ruled (issue 16).

A front-end-floor package: it reads the pipeline's Report and is used only by the CLI and the web
app. Recording is off unless an office turns it on (`screening serve --record`).
"""
from __future__ import annotations

from screening.records.store import Decision, RecordsError, RecordStore, RecordView
from screening.text.reference import petition_reference

__all__ = ["Decision", "RecordStore", "RecordView", "RecordsError", "petition_reference"]
