"""Restricted documents get a retention date; deleted ones leave a record that they existed

Revision ID: 0013_personal_data_retention
Revises: 0012_seeded_values
Create Date: 2026-12-04 18:45:00

Plain add_column and drop_column (no batch): rebuilding `documents` on SQLite would cascade-delete
its versions and its links to items.
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_personal_data_retention'
down_revision = '0012_seeded_values'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('documents', sa.Column('retain_until', sa.Date(), nullable=True))
    op.create_table(
        'purged_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('item_refs', sa.String(length=500), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(), nullable=True),
        sa.Column('versions', sa.Integer(), nullable=False),
        sa.Column('retain_until', sa.Date(), nullable=True),
        sa.Column('purged_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_purged_documents_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_purged_documents')),
    )
    op.create_index(op.f('ix_purged_documents_document_id'), 'purged_documents', ['document_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_purged_documents_document_id'), table_name='purged_documents')
    op.drop_table('purged_documents')
    op.drop_column('documents', 'retain_until')
