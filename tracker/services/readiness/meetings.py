"""Board meetings: an admin records each one (date, title, notes); "changes since the last board" starts there."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import BoardMeeting, User
from .. import audit, words
from ..errors import NotAllowed, ServiceError
from ..permissions import is_admin
from ..programme.common import refuse_if_stale


def meetings(session: Session) -> list[BoardMeeting]:
    """Every meeting, newest first."""
    return list(session.scalars(select(BoardMeeting).order_by(BoardMeeting.held_on.desc(), BoardMeeting.id.desc())))


def _clean(held_on: date | None, title: str, notes: str, today: date) -> dict:
    if held_on is None:
        raise ServiceError("Enter the date of the meeting", field="held_on")
    if held_on.year < 2000 or (held_on - today).days > 731:
        raise ServiceError("Date of the meeting must be a real date, at most two years ahead", field="held_on")
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > 200:
        raise ServiceError("Title must be 200 characters or fewer", field="title")
    return {"held_on": held_on, "title": title, "notes": (notes or "").strip()}


def _require_admin(user: User | None) -> None:
    if not is_admin(user):
        raise NotAllowed("Only a programme manager (admin) can record board meetings")


def record_meeting(session: Session, user: User, held_on: date | None, title: str, notes: str,
                   today: date) -> BoardMeeting:
    _require_admin(user)
    values = _clean(held_on, title, notes, today)
    meeting = BoardMeeting(**values, created_by_id=user.id)
    session.add(meeting)
    session.flush()
    audit.record(session, user, "board_meeting", meeting.id, "create", {**audit.diff({}, values), "version": [0, 1]},
                 summary=f"Recorded the board meeting of {words.day(meeting.held_on)}")
    return meeting


FIELD_WORDS = {"held_on": "date", "title": "title", "notes": "notes"}


def _describe(meeting: BoardMeeting, field: str) -> str | None:
    if field == "held_on":
        return f"the date is now {words.day(meeting.held_on)}"
    return f"the {FIELD_WORDS[field]} was changed" if field in FIELD_WORDS else None


def update_meeting(session: Session, user: User, meeting: BoardMeeting, held_on: date | None, title: str,
                   notes: str, today: date, seen_version: int | None = None) -> bool:
    """Save an admin's edit; a colleague's later save of the same meeting is refused, never overwritten."""
    _require_admin(user)
    refuse_if_stale(session, meeting, seen_version, "board_meeting", "board meeting",
                    lambda field: _describe(meeting, field))
    values = _clean(held_on, title, notes, today)
    changes = audit.diff({k: getattr(meeting, k) for k in values}, values)
    if not changes:
        return False
    saved_version = meeting.version
    for key, value in values.items():
        setattr(meeting, key, value)
    session.flush()
    audit.record(session, user, "board_meeting", meeting.id, "update",
                 {**changes, "version": [saved_version, meeting.version]},
                 summary=f"Edited the board meeting of {words.day(meeting.held_on)}")
    return True
