"""Office records: what was screened, what the expert decided, what the court ruled (issue 16).

A front-end-floor package: it reads the pipeline's Report and is used only by the CLI and the web
app. Recording is off unless an office turns it on (`screening serve --record`). This file imports
nothing heavy: every `screening` command builds its parser from modules that import it.

    screening.records.store    RecordStore: write, decide, outcome, purge, export
    screening.records.writer   RecordWriter: the form's records, written in batches off the request
    screening.records.service  Recording: what the web app holds while recording is on
    screening.records.auth     staff accounts (argon2id, lockout) and session tokens
    screening.records.dashboard, .export, .migrate, .db, .models
"""
