"""Evidence items can be one of the person-level lists; each file version keeps its list check

Revision ID: 0015_person_list_checks
Revises: 0014_board_meeting_version
Create Date: 2026-12-04 19:45:00

Plain add_column and drop_column: rebuilding either table on SQLite would cascade-delete rows.
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_person_list_checks'
down_revision = '0014_board_meeting_version'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('evidence_items', sa.Column('person_list', sa.Integer(), nullable=True))
    op.add_column('document_versions', sa.Column('list_check', sa.JSON(), nullable=True))


def downgrade():
    op.drop_column('document_versions', 'list_check')
    op.drop_column('evidence_items', 'person_list')
