"""The inspection call: rehearsals, the offsets a call was recorded with, the refresh checklist, inspectors

Revision ID: 0004_inspection_call
Revises: 0003_sef_in_the_app
Create Date: 2026-12-04 18:10:00

inspection_calls is referenced by nothing before this migration, so a batch rebuild on SQLite is
safe; the new tables reference it.
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.base

revision = '0004_inspection_call'
down_revision = '0003_sef_in_the_app'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('inspection_calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rehearsal', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('offsets', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.create_foreign_key(batch_op.f('fk_inspection_calls_closed_by_id_users'), 'users',
                                    ['closed_by_id'], ['id'])
    with op.batch_alter_table('inspection_calls', schema=None) as batch_op:
        batch_op.alter_column('rehearsal', server_default=None)
        batch_op.alter_column('version', server_default=None)

    op.create_table('call_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('evidence_item_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('refreshed_at', tracker.models.base.UTCDateTime(), nullable=True),
    sa.Column('refreshed_by_id', sa.Integer(), nullable=True),
    sa.Column('how', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['inspection_calls.id'], name=op.f('fk_call_items_call_id_inspection_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_call_items_document_id_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['evidence_item_id'], ['evidence_items.id'], name=op.f('fk_call_items_evidence_item_id_evidence_items')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_call_items_owner_id_users')),
    sa.ForeignKeyConstraint(['refreshed_by_id'], ['users.id'], name=op.f('fk_call_items_refreshed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_items')),
    sa.UniqueConstraint('call_id', 'evidence_item_id', name='uq_call_items_call_item')
    )
    with op.batch_alter_table('call_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_items_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_items_evidence_item_id'), ['evidence_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_items_owner_id'), ['owner_id'], unique=False)

    op.create_table('call_inspectors',
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', tracker.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['inspection_calls.id'], name=op.f('fk_call_inspectors_call_id_inspection_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_call_inspectors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('call_id', 'user_id', name=op.f('pk_call_inspectors'))
    )


def downgrade():
    op.drop_table('call_inspectors')
    with op.batch_alter_table('call_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_items_owner_id'))
        batch_op.drop_index(batch_op.f('ix_call_items_evidence_item_id'))
        batch_op.drop_index(batch_op.f('ix_call_items_call_id'))
    op.drop_table('call_items')
    with op.batch_alter_table('inspection_calls', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inspection_calls_closed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('version')
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('offsets')
        batch_op.drop_column('rehearsal')
