"""The reference data's ledger: what the seed last wrote into each field it manages

Revision ID: 0012_seeded_values
Revises: 0011_sef_version_files
Create Date: 2026-12-04 18:50:00

Empty at first: on a database seeded before the ledger, the next seed tells a person's edit from its
own wording by the audit trail, then records what it wrote.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_seeded_values'
down_revision = '0011_sef_version_files'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'seeded_values',
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('field', sa.String(length=60), nullable=False),
        sa.Column('value_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'key', 'field', name=op.f('pk_seeded_values')),
    )


def downgrade():
    op.drop_table('seeded_values')
