"""Writing a criterion's judgement: who may, refusing stale edits, and the history of every change.

The area's owner (a lead) and programme managers write an area's judgements. Each save keeps the
judgement as it then stood (JudgementRevision), so the history shows who changed which field and the
earlier text; the audit event carries the version pair that tracker.services.stale reads.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import Action, Area, AuditEvent, Criterion, Judgement, JudgementRevision, NextStep, User
from ...models.enums import Grade
from .. import audit, stale
from ..clock import utcnow
from ..errors import ServiceError, StaleEdit
from ..permissions import admin_or_owner, require_admin_or_owner

ENTITY = "judgement"
TEXT_FIELDS = ("current_position", "strengths", "impact", "areas_for_development")
FIELDS = ("grade", *TEXT_FIELDS)
FIELD_LABELS = {
    "grade": "Grade",
    "current_position": "Current position",
    "strengths": "Strengths",
    "impact": "Impact",
    "areas_for_development": "Areas for development",
    "next_steps": "Next steps",
}
TEXT_LIMIT = 20_000
#: How many next steps the form offers beyond those already written.
SPARE_STEPS = 3


@dataclass(frozen=True)
class StepInput:
    text: str
    action_id: int | None = None


def can_edit(user: User | None, area: Area) -> bool:
    """The area's owner and programme managers write its judgements."""
    return admin_or_owner(user, area.owner_id)


def require_can_edit(user: User | None, area: Area) -> None:
    """``area.owner`` must be loaded."""
    require_admin_or_owner(user, area.owner_id, f"the area “{area.title}”", area.owner, "write its judgements")


def current(session: Session, criterion_id: int) -> Judgement | None:
    """The criterion's judgement with its next steps and their actions (two queries)."""
    return session.scalars(
        select(Judgement).where(Judgement.criterion_id == criterion_id)
        .options(selectinload(Judgement.next_steps).selectinload(NextStep.action))
    ).first()


def _step_words(step: dict) -> str:
    return f"{step['text']} (action: {step['action']})" if step.get("action") else step["text"]


def snapshot(judgement: Judgement | None) -> dict:
    """The judgement as plain JSON: what a revision keeps. Next steps' actions must be loaded."""
    if judgement is None:
        return {name: (Grade.NOT_ASSESSED.value if name == "grade" else "") for name in FIELDS} | {"next_steps": []}
    return {name: getattr(judgement, name) for name in FIELDS} | {"next_steps": [
        {"text": s.text, "action_id": s.action_id, "action": s.action.title if s.action is not None else None}
        for s in judgement.next_steps]}


def _clean(session: Session, data: dict, steps: list[StepInput]) -> tuple[dict, list[StepInput], dict[int, Action]]:
    grade = data.get("grade") or Grade.NOT_ASSESSED.value
    if grade not in Grade.values():
        raise ServiceError("Choose a grade", field="grade")
    clean = {"grade": grade}
    for name in TEXT_FIELDS:
        text = (data.get(name) or "").strip()
        if len(text) > TEXT_LIMIT:
            raise ServiceError(f"{FIELD_LABELS[name]} must be {TEXT_LIMIT:,} characters or fewer", field=name)
        clean[name] = text
    kept = []
    for index, step in enumerate(steps):
        text = (step.text or "").strip()
        if not text and step.action_id:
            raise ServiceError(f"Enter next step {index + 1}, or choose no action for it", field=f"step-{index}")
        if text:
            kept.append(StepInput(text[:TEXT_LIMIT], step.action_id or None))
    wanted = {s.action_id for s in kept if s.action_id}
    actions = {a.id: a for a in session.scalars(select(Action).where(Action.id.in_(wanted)))} if wanted else {}
    if set(actions) != wanted:
        raise ServiceError("One of the chosen actions no longer exists: choose again", field="step-0")
    return clean, kept, actions


def save(session: Session, user: User, criterion: Criterion, data: dict, steps: list[StepInput],
         seen_version: int | None) -> Judgement | None:
    """Save the criterion's judgement (creating it on first save). ``criterion.area.owner`` must be loaded.

    ``seen_version`` is the version the editor loaded (0 when there was no judgement yet); a save made
    since is refused with who made it and which fields. Returns None when nothing changed.
    """
    require_can_edit(user, criterion.area)
    judgement = current(session, criterion.id)
    if judgement is not None:
        stale.refuse_if_stale(session, judgement, seen_version, ENTITY, _refusal)
    clean, kept, actions = _clean(session, data, steps)
    before = snapshot(judgement)
    after = clean | {"next_steps": [
        {"text": s.text, "action_id": s.action_id, "action": actions[s.action_id].title if s.action_id else None}
        for s in kept]}
    changes = audit.diff(before, after)
    if not changes:
        return None
    old_version = judgement.version if judgement is not None else 0
    if judgement is not None and session.scalar(
            select(JudgementRevision.id).where(JudgementRevision.judgement_id == judgement.id).limit(1)) is None:
        # Written before its history was kept (or by an import): keep how it stood, so its text is not lost.
        session.add(JudgementRevision(judgement_id=judgement.id, snapshot=before, user_id=judgement.updated_by_id,
                                      at=judgement.updated_at))
    if judgement is None:
        judgement = Judgement(criterion_id=criterion.id)
        judgement.next_steps = []
        session.add(judgement)
    for name, value in clean.items():
        setattr(judgement, name, value)
    if "next_steps" in changes:
        judgement.next_steps = [NextStep(position=i, text=s.text, action_id=s.action_id) for i, s in enumerate(kept)]
    # Always written, so the row changes and its version moves even when only the next steps did.
    judgement.updated_at = utcnow()
    judgement.updated_by_id = user.id
    session.flush()
    changes["version"] = [old_version, judgement.version]
    session.add(JudgementRevision(judgement_id=judgement.id, snapshot=after, user_id=user.id, at=judgement.updated_at))
    summary = ", ".join(FIELD_LABELS[k].lower() for k in changes if k != "version")
    audit.record(session, user, ENTITY, judgement.id, "updated" if old_version else "created", changes,
                 summary=f"Judgement of criterion {criterion.key}: {summary}")
    return judgement


def _refusal(since: list[AuditEvent]) -> StaleEdit:
    people = sorted({stale.who(e, "Someone else") for e in since})
    fields = [FIELD_LABELS.get(name, name).lower() for name in stale.changed_fields(since)]
    changed = [f"{', '.join(fields)} changed; their text is shown below"] if fields else []
    return StaleEdit(stale.refusal_words(people, "this judgement", changed), changes=fields)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    changes: tuple[FieldChange, ...]
    first: bool = False  # the judgement's first writing: "wrote the judgement", not a list of every field

    @property
    def words(self) -> str:
        if self.first:
            return "wrote the judgement"
        return "changed " + ", ".join(c.label.lower() for c in self.changes)


def _words(name: str, value) -> str:
    if name == "grade":
        return Grade.label_for(value)
    if name == "next_steps":
        return "\n".join(_step_words(step) for step in value or [])
    return value or ""


def history(session: Session, judgement_id: int | None) -> list[HistoryEntry]:
    """Every saved change, newest first: who, when, each field changed with its earlier and new text. One query."""
    if judgement_id is None:
        return []
    rows = session.execute(
        select(JudgementRevision.snapshot, JudgementRevision.at, User.name)
        .outerjoin(User, User.id == JudgementRevision.user_id)
        .where(JudgementRevision.judgement_id == judgement_id)
        .order_by(JudgementRevision.at, JudgementRevision.id)
    ).all()
    entries = []
    previous = snapshot(None)
    for row in rows:
        state = row.snapshot or {}
        changes = tuple(
            FieldChange(name, FIELD_LABELS[name], _words(name, previous.get(name)), _words(name, state.get(name)))
            for name in (*FIELDS, "next_steps") if previous.get(name) != state.get(name)
        )
        entries.append(HistoryEntry(row.at, row.name or "Someone no longer listed", changes, first=not entries))
        previous = state
    return list(reversed(entries))
