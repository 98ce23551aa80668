"""SEF versions keep the executive summary's files and who marked them Final

Revision ID: 0011_sef_version_files
Revises: 0010_api_token_scope
Create Date: 2026-12-04 18:55:00

Columns are added with plain ADD COLUMN (no table copy on SQLite).
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.base


revision = '0011_sef_version_files'
down_revision = '0010_api_token_scope'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite adds a foreign key only inside the new column's definition (no ALTER ... ADD CONSTRAINT).
        op.execute('ALTER TABLE sef_versions ADD COLUMN finalised_by_id INTEGER '
                   'CONSTRAINT fk_sef_versions_finalised_by_id_users REFERENCES users (id)')
    else:
        op.add_column('sef_versions', sa.Column('finalised_by_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_sef_versions_finalised_by_id_users'), 'sef_versions', 'users',
                              ['finalised_by_id'], ['id'])
    with op.batch_alter_table('sef_versions', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('summary_docx_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('summary_pdf_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('finalised_at', tracker.models.base.UTCDateTime(), nullable=True))


def downgrade():
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_sef_versions_finalised_by_id_users'), 'sef_versions', type_='foreignkey')
    with op.batch_alter_table('sef_versions', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('finalised_at')
        batch_op.drop_column('summary_pdf_sha256')
        batch_op.drop_column('summary_docx_sha256')
        batch_op.drop_column('finalised_by_id')
