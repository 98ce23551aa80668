"""The demo partnership: a fictional local area with people, evidence in flight, documents and history.

``load_demo`` runs the steps in ``STEPS`` in order over one ``DemoContext``. Each step is a module
of this package with a ``load(ctx)`` function; a new area of demo data (programme, indicators...)
is a new module and one more line in ``STEPS``. The demo only goes into a database that holds
nothing but the reference data: it never mixes with real work.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from ...models import (
    LINK_TABLES,
    Comment,
    Document,
    EvidenceItem,
    IndicatorValue,
    Judgement,
    StatusChange,
    User,
    Workstream,
)
from .. import audit, reference
from ..errors import ServiceError

#: The fictional partnership. Its name is a setting the page header reads.
PARTNERSHIP_NAME = "Northshire Local Area SEND Partnership"
#: Fixed, so every load of the demo tells the same story.
RANDOM_SEED = 2026


class DemoRefused(ServiceError):
    """The database holds something other than reference data; the demo must not touch it."""


@dataclass
class SignIn:
    email: str
    password: str
    name: str
    job: str
    role_label: str


@dataclass
class DemoResult:
    sign_ins: list[SignIn] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def describe(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.counts.items())


@dataclass
class DemoContext:
    """What the steps share: the session, the date the story ends, and what earlier steps made."""

    session: Session
    upload_folder: Path
    today: date
    rng: random.Random
    result: DemoResult
    users: dict[str, User] = field(default_factory=dict)
    items: dict[str, EvidenceItem] = field(default_factory=dict)

    def moment(self, days_ago: int) -> datetime:
        """A plausible office-hours moment ``days_ago`` days before today, in UTC."""
        when = datetime.combine(self.today - timedelta(days=days_ago), time(9, 0), tzinfo=UTC)
        return when + timedelta(minutes=self.rng.randrange(0, 8 * 60))


def _settings_step(ctx: DemoContext) -> None:
    from .. import settings

    settings.put(ctx.session, "partnership_name", PARTNERSHIP_NAME, "Shown in the header of every page")


def _steps() -> list[Callable[[DemoContext], None]]:
    from . import board, comments, documents, evidence, indicators, programme, sef, users

    return [
        _settings_step,
        users.load,
        evidence.load,
        documents.load,
        comments.load,
        programme.load,
        indicators.load,  # after the programme: indicators link to the workstreams they measure
        board.load,
        sef.load,  # last: judgements link to the evidence, indicators and actions made before
    ]


# Rows whose presence means somebody has started real work (or loaded the demo already).
_WORK = (
    (User, "it already has users"),
    (StatusChange, "evidence items already have a status history"),
    (Document, "it already holds documents"),
    (Comment, "it already holds comments"),
    (Workstream, "it already holds workstreams"),
    (IndicatorValue, "it already holds indicator values"),
    (Judgement, "it already holds self-evaluation judgements"),
)


def holds_other_data(session: Session) -> str | None:
    """Why the database is not empty enough for the demo, in words; None when only reference data is there."""
    for model, reason in _WORK:
        if session.scalar(select(exists().where(model.id.is_not(None)))):
            return reason
    touched = or_(
        EvidenceItem.status != "not_started",
        EvidenceItem.owner_id.is_not(None),
        EvidenceItem.due_date.is_not(None),
        EvidenceItem.archived_at.is_not(None),
    )
    if session.scalar(select(exists().where(touched))):
        return "evidence items have already been worked on"
    for table in LINK_TABLES.values():
        if session.execute(select(table).limit(1)).first() is not None:
            return "records have already been linked together"
    return None


def existing_sign_ins(session: Session) -> list[SignIn]:
    """The demo sign-ins whose users are still there, to remind whoever re-runs `make run`."""
    from .users import DEMO_USERS

    emails = set(session.scalars(select(User.email).where(User.active.is_(True))))
    return [person.sign_in() for person in DEMO_USERS if person.email in emails]


def load_demo(session: Session, upload_folder: str | Path, today: date) -> DemoResult:
    """Fill an empty database with the demo partnership as it stands on ``today``. The caller commits.

    Loads the reference data first if the catalogue is empty. Raises DemoRefused when the
    database holds anything else.
    """
    reason = holds_other_data(session)
    if reason is not None:
        raise DemoRefused(f"The demo can only be loaded into an empty database, and {reason}")
    if not reference.catalogue_is_loaded(session):
        reference.load_reference(session, reference.REFERENCE_FOLDER)
    ctx = DemoContext(session=session, upload_folder=Path(upload_folder), today=today,
                      rng=random.Random(RANDOM_SEED), result=DemoResult())
    for step in _steps():
        step(ctx)
    session.flush()
    audit.record(session, None, "demo", "demo", "load", dict(ctx.result.counts),
                 summary=f"Demo partnership loaded: {ctx.result.describe()}")
    return ctx.result
