"""Board meetings carry a version, so a stale edit is refused

Revision ID: 0014_board_meeting_version
Revises: 0013_personal_data_retention
Create Date: 2026-12-04 19:30:00

A plain add_column: nothing references board_meetings, and no table is rebuilt.
"""
from alembic import op
import sqlalchemy as sa

revision = '0014_board_meeting_version'
down_revision = '0013_personal_data_retention'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('board_meetings', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('board_meetings', schema=None) as batch_op:
        batch_op.drop_column('version')
