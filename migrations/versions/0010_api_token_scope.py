"""API tokens carry a scope: read, or read-write

Revision ID: 0010_api_token_scope
Revises: 0009_user_session_version
Create Date: 2026-12-04 18:30:00

A plain add_column: api_tokens is referenced by nothing, and a batch rebuild is not needed.
"""
from alembic import op
import sqlalchemy as sa

revision = '0010_api_token_scope'
down_revision = '0009_user_session_version'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('api_tokens', sa.Column('scope', sa.String(length=10), nullable=False, server_default='read'))


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('scope')
