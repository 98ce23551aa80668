"""Demo self-evaluation: area owners, a judgement for every criterion of the default framework (written
through the same service a person uses, so each has its history), links to evidence, indicators and the
actions that carry its next steps, and a dozen voices, two of them without consent."""

from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import selectinload

from ...models import (
    LINK_TABLES,
    Action,
    Area,
    Criterion,
    EvidenceItem,
    Framework,
    Indicator,
    Judgement,
    JudgementRevision,
    Voice,
    voice_criteria,
)
from ..sef import judgements
from .sef_text import AREA_OWNERS, JUDGEMENTS, VOICES

FRAMEWORK = "what_good_looks_like"
#: Criteria whose judgement was first written more cautiously, then revised: their history shows the earlier text.
REVISED = {"send_arrangements-3": ("developing", "The weekly EHCP dashboard is being built with Business Intelligence."),
           "co_production-3": ("good", "The co-production charter is in its final draft with parents and carers.")}


def _linked(session, pair, criterion_id: int, other_ids: set[int]) -> int:
    table = LINK_TABLES[pair]
    kind = pair[0]
    have = set(session.scalars(select(table.c[f"{kind}_id"]).where(table.c.criterion_id == criterion_id)))
    rows = [{f"{kind}_id": i, "criterion_id": criterion_id} for i in sorted(other_ids - have)]
    if rows:
        session.execute(insert(table), rows)
    return len(rows)


def load(ctx) -> None:
    session = ctx.session
    framework = session.scalar(select(Framework).where(Framework.key == FRAMEWORK))
    if framework is None:
        return
    areas = {a.key: a for a in session.scalars(select(Area).where(Area.framework_id == framework.id))}
    for key, person in AREA_OWNERS.items():
        if key in areas:
            areas[key].owner_id = ctx.users[person].id
    session.flush()
    criteria = {c.key: c for c in session.scalars(select(Criterion).where(Criterion.area_id.in_(
        [a.id for a in areas.values()])).options(selectinload(Criterion.area).selectinload(Area.owner)))}
    owners = {a.id: ctx.users[AREA_OWNERS[k]] for k, a in areas.items() if k in AREA_OWNERS}
    actions = dict(session.execute(select(Action.title, Action.id)).all())
    evidence = dict(session.execute(select(EvidenceItem.ref, EvidenceItem.id)).all())
    indicators = dict(session.execute(select(Indicator.code, Indicator.id)).all())
    missing = [t for j in JUDGEMENTS.values() for _, t in j.steps if t and t not in actions]
    if missing:
        raise ValueError(f"demo SEF refers to actions the demo programme lacks: {missing}")
    links = 0
    for n, (key, demo) in enumerate(JUDGEMENTS.items()):
        criterion = criteria.get(key)
        if criterion is None:
            continue
        author = owners.get(criterion.area_id, ctx.users["manager"])
        _write(session, author, criterion, demo, ctx, days_ago=40 - n)
        links += _linked(session, ("evidence", "criterion"), criterion.id, {evidence[r] for r in demo.evidence if r in evidence})
        links += _linked(session, ("indicator", "criterion"), criterion.id,
                         {indicators[c] for c in demo.indicators if c in indicators})
        links += _linked(session, ("action", "criterion"), criterion.id, {actions[t] for _, t in demo.steps if t})
    ctx.result.add("judgements", len(JUDGEMENTS))
    ctx.result.add("SEF links", links)
    _voices(ctx, criteria)


def _write(session, author, criterion, demo, ctx, days_ago: int) -> None:
    actions = dict(session.execute(select(Action.title, Action.id)).all())
    steps = [judgements.StepInput(text, actions.get(title)) for text, title in demo.steps]
    fields = {"grade": demo.grade, "current_position": demo.position, "strengths": demo.strengths,
              "impact": demo.impact, "areas_for_development": demo.development}
    saves = []
    if criterion.key in REVISED:
        grade, position = REVISED[criterion.key]
        saves.append((fields | {"grade": grade, "current_position": position}, steps[:1], days_ago + 30))
    saves.append((fields, steps, days_ago))
    for data, wanted, ago in saves:
        seen = session.scalar(select(Judgement.version).where(Judgement.criterion_id == criterion.id)) or 0
        saved = judgements.save(session, author, criterion, data, wanted, seen)
        # Dated within the story, not at the moment the demo was loaded.
        at = ctx.moment(max(ago, 1))
        session.execute(update(Judgement).where(Judgement.id == saved.id).values(updated_at=at)
                        .execution_options(synchronize_session=False))
        last = session.scalar(select(JudgementRevision.id).where(JudgementRevision.judgement_id == saved.id)
                              .order_by(JudgementRevision.id.desc()).limit(1))
        session.execute(update(JudgementRevision).where(JudgementRevision.id == last).values(at=at))
        session.expire(saved)


def _voices(ctx, criteria: dict) -> None:
    session = ctx.session
    recorders = [ctx.users[k] for k in ("pcf", "inclusion", "head_send", "manager")]
    for n, (kind, title, source, ago, consent, text, keys) in enumerate(VOICES):
        voice = Voice(kind=kind, title=title, source_type=source, occurred_on=ctx.today - timedelta(days=ago),
                      consent=consent, text=text, created_by_id=recorders[n % len(recorders)].id)
        session.add(voice)
        session.flush()
        rows = [{"voice_id": voice.id, "criterion_id": criteria[k].id} for k in keys if k in criteria]
        if rows:
            session.execute(insert(voice_criteria), rows)
    ctx.result.add("voices", len(VOICES))
