"""Gap analysis: the actions created to close gaps

Revision ID: 0008_gap_responses
Revises: 0007_document_restricted
Create Date: 2026-12-04 18:30:00

A new table only; nothing existing is altered.
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.base

revision = '0008_gap_responses'
down_revision = '0007_document_restricted'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'gap_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('gap_key', sa.String(length=120), nullable=False),
        sa.Column('criterion_id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', tracker.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_gap_responses_action_id_actions'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_gap_responses_created_by_id_users')),
        sa.ForeignKeyConstraint(['criterion_id'], ['criteria.id'], name=op.f('fk_gap_responses_criterion_id_criteria'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_gap_responses')),
    )
    with op.batch_alter_table('gap_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gap_responses_gap_key'), ['gap_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_gap_responses_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gap_responses_action_id'), ['action_id'], unique=False)


def downgrade():
    with op.batch_alter_table('gap_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gap_responses_action_id'))
        batch_op.drop_index(batch_op.f('ix_gap_responses_criterion_id'))
        batch_op.drop_index(batch_op.f('ix_gap_responses_gap_key'))
    op.drop_table('gap_responses')
