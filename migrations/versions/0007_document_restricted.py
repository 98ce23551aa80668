"""Restriction belongs to the document; documents carry a version for stale-edit checks

Revision ID: 0007_document_restricted
Revises: 0006_oidc_identity
Create Date: 2026-12-04 18:10:00

A document that backs a restricted (person-level) item today becomes restricted itself, so it stays
restricted when it is detached from that item or attached to an ordinary one.

Plain ADD COLUMN / DROP COLUMN, never a batch copy: document_versions and evidence_documents point at
documents with ON DELETE CASCADE, and SQLite's copy-and-rename would delete their rows.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_document_restricted'
down_revision = '0006_oidc_identity'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('documents', sa.Column('restricted', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('documents', sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('restricted', sa.Boolean))
    links = sa.table('evidence_documents', sa.column('evidence_item_id', sa.Integer),
                     sa.column('document_id', sa.Integer))
    items = sa.table('evidence_items', sa.column('id', sa.Integer), sa.column('restricted', sa.Boolean))
    backing_restricted = (sa.select(links.c.document_id)
                          .join(items, items.c.id == links.c.evidence_item_id)
                          .where(items.c.restricted.is_(True)))
    op.execute(documents.update().where(documents.c.id.in_(backing_restricted)).values(restricted=True))


def downgrade():
    with op.batch_alter_table('documents', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('restricted')
