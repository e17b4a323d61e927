"""Records, their findings and decisions, court outcomes, and staff users.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("office_id", sa.String(64), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("screenings", sa.Integer(), nullable=False),
        sa.Column("claim_type", sa.String(64), nullable=False),
        sa.Column("petition_kind", sa.String(64), nullable=True),
        sa.Column("forum", sa.String(64), nullable=False),
        sa.Column("value_band", sa.String(32), nullable=False),
        sa.Column("fruitless_probability", sa.Float(), nullable=True),
        sa.Column("risk_band", sa.String(16), nullable=True),
        sa.Column("model_name", sa.String(128), nullable=True),
        sa.Column("model_version", sa.String(64), nullable=True),
        sa.Column("blockers", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
        sa.UniqueConstraint("digest", name="uq_records_digest"),
    )
    op.create_index("ix_records_reference", "records", ["reference"])
    op.create_index("ix_records_office_id", "records", ["office_id"])
    op.create_index("ix_records_screened_at", "records", ["screened_at"])
    op.create_index("ix_records_claim_type", "records", ["claim_type"])
    op.create_index("ix_records_text_expires_at", "records", ["text_expires_at"])

    op.create_table(
        "record_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_record_findings"),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE",
                                name="fk_record_findings_record_id_records"),
        sa.UniqueConstraint("record_id", "position", name="uq_record_findings_record_id"),
    )
    op.create_index("ix_record_findings_record_id", "record_findings", ["record_id"])
    op.create_index("ix_record_findings_code", "record_findings", ["code"])

    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("ruling_number", sa.String(64), nullable=True),
        sa.Column("ruling_date", sa.Date(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entered_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outcomes"),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE",
                                name="fk_outcomes_record_id_records"),
        sa.UniqueConstraint("record_id", name="uq_outcomes_record_id"),
    )
    op.create_index("ix_outcomes_outcome", "outcomes", ["outcome"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )


def downgrade() -> None:
    op.drop_table("users")
    op.drop_index("ix_outcomes_outcome", table_name="outcomes")
    op.drop_table("outcomes")
    op.drop_index("ix_record_findings_code", table_name="record_findings")
    op.drop_index("ix_record_findings_record_id", table_name="record_findings")
    op.drop_table("record_findings")
    for name in ("text_expires_at", "claim_type", "screened_at", "office_id", "reference"):
        op.drop_index(f"ix_records_{name}", table_name="records")
    op.drop_table("records")
