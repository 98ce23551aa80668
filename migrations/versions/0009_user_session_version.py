"""Users carry a session version, so every session of a user can be ended on the server

Revision ID: 0009_user_session_version
Revises: 0008_gap_responses
Create Date: 2026-12-04 18:30:00

Signed-in sessions name "id:version"; signing out, a password change or reset, deactivation and a
role change add one to the version, and every session naming the old one is refused. Existing
sessions name only the id, so everyone signs in again once after this migration.

Plain ADD COLUMN / DROP COLUMN, never a batch copy: many tables point at users.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_user_session_version'
down_revision = '0008_gap_responses'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('session_version')
