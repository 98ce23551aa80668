"""Indicators say how their year is totalled; indicator values carry a version for stale-edit checks

Revision ID: 0002_indicator_year_total
Revises: 0001
Create Date: 2026-11-23 12:00:00

Each existing indicator gets its year total from its definition: the shipped catalogue's codes by
name (SEND6 is "cumulative over the year", so its year to date is its latest value; active EHC plans
are a snapshot, likewise), anything else by the same reading of its definition and unit.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_indicator_year_total'
down_revision = '0001'
branch_labels = None
depends_on = None

# The shipped catalogue (tracker/reference/indicators.yaml) and the demo's local indicator, as
# judged from each definition when this migration was written. Written out here, not read from the
# YAML, so the migration gives the same answer whatever the catalogue says later.
SHIPPED = {
    # Snapshots and measures already cumulative within the year: the latest value is the year so far.
    "latest": (
        "SEND1", "SEND2", "SEND4", "SEND5", "SEND6", "SEND7", "SEND8", "SEND10", "SEND11", "SEND12", "SEND13",
        "SEND14", "AR12M", "CHS18WK_SLT", "CHS18WK_OT", "CHS18WK_PAED", "CHS18WK_AUD", "AUTISM13", "EHCPS",
        "SLTWAIT", "EHCP_ACTIVE",
    ),
    # Rates counted afresh each period: add up the numerators and the denominators.
    "ratio": (
        "SEND9", "EHCP20", "EHCP20I", "EHCP52", "DEC6WK", "REFUSAL", "CONVERT", "AR4WK", "TRIB", "MED2TRIB",
        "LGSCO", "COMPLAINTS", "NEET",
    ),
    # Flows counted afresh each period: add them up.
    "sum": ("SEND3", "REQUESTS"),
}


def _judged(definition: str, notes: str, unit: str) -> str:
    """A local indicator's year total from its words and unit (what an admin would choose)."""
    words = f"{definition} {notes}".lower()
    if "cumulative" in words or "snapshot" in words:
        return "latest"
    return {"count": "sum", "currency": "sum", "percent": "ratio"}.get(unit, "mean")


def upgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_total', sa.String(length=20), server_default='sum', nullable=False))
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    connection = op.get_bind()
    indicators = sa.table('indicators', sa.column('id', sa.Integer), sa.column('code', sa.String),
                          sa.column('definition', sa.Text), sa.column('notes', sa.Text),
                          sa.column('unit', sa.String), sa.column('year_total', sa.String))
    by_code = {code: total for total, codes in SHIPPED.items() for code in codes}
    rows = connection.execute(sa.select(indicators.c.id, indicators.c.code, indicators.c.definition,
                                        indicators.c.notes, indicators.c.unit)).all()
    for row in rows:
        total = by_code.get(row.code) or _judged(row.definition or "", row.notes or "", row.unit or "")
        connection.execute(indicators.update().where(indicators.c.id == row.id).values(year_total=total))


def downgrade():
    # A plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): copying the table, as batch mode would, cannot
    # drop "indicators" while indicator_values' foreign keys point at it.
    with op.batch_alter_table('indicator_values', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('indicators', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('year_total')
