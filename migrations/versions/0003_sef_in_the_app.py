"""The self-evaluation in the app: area owners, retired areas and criteria, next steps referring to actions, voices' kind

Revision ID: 0003_sef_in_the_app
Revises: 0002_indicator_year_total
Create Date: 2026-12-04 18:10:00

Columns are added with plain ADD COLUMN: copying "areas" or "criteria" (batch mode) would cascade-delete
their links. A judgement's free-text next steps become one next step each (no action referred to yet).
"""
from alembic import op
import sqlalchemy as sa

import tracker.models.base


revision = '0003_sef_in_the_app'
down_revision = '0002_indicator_year_total'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite adds a foreign key only inside the new column's definition (no ALTER ... ADD CONSTRAINT).
        op.execute('ALTER TABLE areas ADD COLUMN owner_id INTEGER '
                   'CONSTRAINT fk_areas_owner_id_users REFERENCES users (id)')
    else:
        op.add_column('areas', sa.Column('owner_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_areas_owner_id_users'), 'areas', 'users', ['owner_id'], ['id'])
    with op.batch_alter_table('areas', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('retired_at', tracker.models.base.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_areas_owner_id'), ['owner_id'], unique=False)
    with op.batch_alter_table('criteria', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('retired_at', tracker.models.base.UTCDateTime(), nullable=True))
    with op.batch_alter_table('voices', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='quote', nullable=False))
        batch_op.add_column(sa.Column('title', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.create_table('next_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgement_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_next_steps_action_id_actions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['judgement_id'], ['judgements.id'], name=op.f('fk_next_steps_judgement_id_judgements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_next_steps'))
    )
    with op.batch_alter_table('next_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_next_steps_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_next_steps_judgement_id'), ['judgement_id'], unique=False)

    connection = op.get_bind()
    judgements = sa.table('judgements', sa.column('id', sa.Integer), sa.column('next_steps', sa.Text))
    steps = sa.table('next_steps', sa.column('judgement_id', sa.Integer), sa.column('position', sa.Integer),
                     sa.column('text', sa.Text))
    for row in connection.execute(sa.select(judgements.c.id, judgements.c.next_steps)).all():
        lines = [line.strip(" -•\t") for line in (row.next_steps or "").splitlines() if line.strip(" -•\t")]
        for position, line in enumerate(lines):
            connection.execute(steps.insert().values(judgement_id=row.id, position=position, text=line))
    with op.batch_alter_table('judgements', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('next_steps')


def downgrade():
    with op.batch_alter_table('judgements', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('next_steps', sa.Text(), server_default='', nullable=False))
    connection = op.get_bind()
    judgements = sa.table('judgements', sa.column('id', sa.Integer), sa.column('next_steps', sa.Text))
    steps = sa.table('next_steps', sa.column('judgement_id', sa.Integer), sa.column('position', sa.Integer),
                     sa.column('text', sa.Text))
    gathered: dict[int, list[str]] = {}
    for row in connection.execute(sa.select(steps.c.judgement_id, steps.c.text).order_by(steps.c.judgement_id, steps.c.position)):
        gathered.setdefault(row.judgement_id, []).append(row.text)
    for judgement_id, lines in gathered.items():
        connection.execute(judgements.update().where(judgements.c.id == judgement_id).values(next_steps="\n".join(lines)))
    with op.batch_alter_table('next_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_next_steps_judgement_id'))
        batch_op.drop_index(batch_op.f('ix_next_steps_action_id'))
    op.drop_table('next_steps')
    with op.batch_alter_table('voices', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('title')
        batch_op.drop_column('kind')
    with op.batch_alter_table('criteria', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('retired_at')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_areas_owner_id_users'), 'areas', type_='foreignkey')
    with op.batch_alter_table('areas', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_areas_owner_id'))
        batch_op.drop_column('retired_at')
        batch_op.drop_column('owner_id')
