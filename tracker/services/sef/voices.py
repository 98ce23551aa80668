"""Voices and case studies: short anonymised quotes from children, families, settings and practitioners.

Only those given with consent may reach a document (the SEF builders ask for ``consented_only``).
Programme managers and leads record them; the person who recorded one, or an admin, changes it.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from ...models import Area, AuditEvent, Criterion, Framework, User, Voice
from ...models.enums import VoiceKind, VoiceSource
from .. import audit, stale
from ..errors import ServiceError, StaleEdit
from ..permissions import admin_or_owner, is_staff, require

ENTITY = "voice"
TEXT_LIMIT = 5_000
FIELD_LABELS = {"kind": "kind", "title": "title", "source_type": "whose voice", "occurred_on": "date",
                "consent": "consent", "text": "text", "criteria": "criteria"}


def can_add(user: User | None) -> bool:
    return is_staff(user)


def can_edit(user: User | None, voice: Voice) -> bool:
    return admin_or_owner(user, voice.created_by_id)


def voices(session: Session, source: str | None = None, consent: bool | None = None) -> list[Voice]:
    """Voices newest first, with the criteria they are linked to and each criterion's area. Three queries."""
    stmt = (select(Voice).options(selectinload(Voice.criteria).selectinload(Criterion.area))
            .order_by(Voice.occurred_on.desc().nulls_last(), Voice.id.desc()))
    if source:
        stmt = stmt.where(Voice.source_type == source)
    if consent is not None:
        stmt = stmt.where(Voice.consent.is_(consent))
    return list(session.scalars(stmt))


def voice(session: Session, voice_id: int) -> Voice | None:
    return session.scalars(select(Voice).where(Voice.id == voice_id)
                           .options(selectinload(Voice.criteria))).first()


@dataclass(frozen=True)
class CriterionChoice:
    id: int
    label: str
    hint: str


def criterion_choices(session: Session) -> list[CriterionChoice]:
    """The selected framework's live criteria, numbered as on the SEF page. One query."""
    rows = session.execute(
        select(Criterion.id, Criterion.text, Area.title, Area.position, Criterion.position)
        .join(Area, Area.id == Criterion.area_id).join(Framework, Framework.id == Area.framework_id)
        .where(Framework.is_selected.is_(True), Area.retired_at.is_(None), Criterion.retired_at.is_(None))
        .order_by(Area.position, Area.id, Criterion.position, Criterion.id)
    ).all()
    return [CriterionChoice(row.id, row.text, row.title) for row in rows]


def _clean(session: Session, data: dict) -> tuple[dict, list[Criterion]]:
    kind = data.get("kind") or VoiceKind.QUOTE.value
    if kind not in VoiceKind.values():
        raise ServiceError("Choose whether this is a quote or a case study", field="kind")
    source = data.get("source_type") or ""
    if source not in VoiceSource.values():
        raise ServiceError("Choose whose voice this is", field="source_type")
    text = (data.get("text") or "").strip()
    if not text:
        raise ServiceError("Enter what they said, or the case study", field="text")
    if len(text) > TEXT_LIMIT:
        raise ServiceError(f"The text must be {TEXT_LIMIT:,} characters or fewer", field="text")
    title = (data.get("title") or "").strip()
    if len(title) > 200:
        raise ServiceError("The title must be 200 characters or fewer", field="title")
    occurred_on = data.get("occurred_on")
    if occurred_on is not None and not isinstance(occurred_on, date):
        raise ServiceError("Enter a real date", field="occurred_on")
    today = data.get("today")
    if occurred_on is not None and today is not None and occurred_on > today:
        raise ServiceError("The date must be today or in the past", field="occurred_on")
    consent = data.get("consent")
    if consent not in (True, False):
        raise ServiceError("Say whether consent was given to use it in documents", field="consent")
    ids = {int(i) for i in data.get("criteria") or []}
    criteria = list(session.scalars(select(Criterion).where(Criterion.id.in_(ids)))) if ids else []
    if len(criteria) != len(ids):
        raise ServiceError("One of the chosen criteria no longer exists: choose again", field="criteria")
    clean = {"kind": kind, "title": title, "source_type": source, "occurred_on": occurred_on, "consent": consent,
             "text": text}
    return clean, criteria


def _state(voice_: Voice) -> dict:
    return {name: getattr(voice_, name) for name in ("kind", "title", "source_type", "occurred_on", "consent", "text")}


def create(session: Session, user: User, data: dict) -> Voice:
    require(can_add(user), "Only programme managers and leads can record voices.")
    clean, criteria = _clean(session, data)
    new = Voice(**clean, created_by_id=user.id)
    new.criteria = criteria
    session.add(new)
    session.flush()
    changes = audit.diff({}, clean) | {"criteria": [[], sorted(c.id for c in criteria)], "version": [0, 1]}
    audit.record(session, user, ENTITY, new.id, "created", changes, summary="Recorded a voice")
    return new


def update(session: Session, user: User, voice_: Voice, data: dict, seen_version: int | None) -> Voice:
    """``voice_.criteria`` must be loaded."""
    require(can_edit(user, voice_), "Only the person who recorded this voice or a programme manager can change it.")
    stale.refuse_if_stale(session, voice_, seen_version, ENTITY, _refusal)
    clean, criteria = _clean(session, data)
    changes = audit.diff(_state(voice_), clean)
    before_ids, after_ids = sorted(c.id for c in voice_.criteria), sorted(c.id for c in criteria)
    if before_ids != after_ids:
        changes["criteria"] = [before_ids, after_ids]
    if not changes:
        return voice_
    old = voice_.version
    for name, value in clean.items():
        setattr(voice_, name, value)
    voice_.criteria = criteria
    # Links alone do not touch the row; marking it changed moves its version, so stale checks see it.
    flag_modified(voice_, "text")
    session.flush()
    changes["version"] = [old, voice_.version]
    audit.record(session, user, ENTITY, voice_.id, "updated", changes,
                 summary=f"Changed the voice: {', '.join(FIELD_LABELS[k] for k in changes if k != 'version')}")
    return voice_


def delete(session: Session, user: User, voice_: Voice) -> None:
    require(can_edit(user, voice_), "Only the person who recorded this voice or a programme manager can remove it.")
    audit.record(session, user, ENTITY, voice_.id, "deleted", {"text": [voice_.text, None]},
                 summary="Removed a voice")
    session.delete(voice_)


def _refusal(since: list[AuditEvent]) -> StaleEdit:
    people = sorted({stale.who(e, "Someone else") for e in since})
    fields = [FIELD_LABELS.get(n, n) for n in stale.changed_fields(since)]
    changed = [f"{', '.join(fields)} changed"] if fields else []
    return StaleEdit(stale.refusal_words(people, "this voice", changed), changes=fields)
