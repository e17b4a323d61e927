"""Alembic migrations of the office records (run through screening.records.migrate, not alembic.ini)."""
