"""Users remember who the council's identity provider says they are (issuer and subject)

Revision ID: 0006_oidc_identity
Revises: 0005_jobs
Create Date: 2026-12-04 18:20:00

Plain add_column, not a batch: recreating `users` on SQLite would cascade-delete rows that point at it.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_oidc_identity'
down_revision = '0005_jobs'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('oidc_issuer', sa.String(length=255), nullable=True))
    op.add_column('users', sa.Column('oidc_subject', sa.String(length=255), nullable=True))
    op.create_index('ix_users_oidc_identity', 'users', ['oidc_issuer', 'oidc_subject'], unique=True)


def downgrade():
    op.drop_index('ix_users_oidc_identity', table_name='users')
    # Plain drop_column: SQLite (3.35+) drops an unindexed column in place, keeping every row.
    op.drop_column('users', 'oidc_subject')
    op.drop_column('users', 'oidc_issuer')
