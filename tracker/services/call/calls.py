"""Recording and ending the inspection call, and what an open call looks like on any page.

At most one call (real or rehearsal) is open at a time. Recording a call snapshots the deadline
offsets and builds the refresh checklist from every active item that is complete-but-update-on-call;
ending it keeps everything, and deactivates the inspector accounts made for it.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ...models import CallInspector, CallItem, Document, DocumentVersion, EvidenceItem, InspectionCall, User
from ...models.enums import EvidenceStatus
from .. import audit, stale, words
from ..clock import utcnow
from ..errors import NotAllowed, ServiceError
from ..permissions import is_admin, is_staff
from ..refs import by_ref, item_key
from . import deadlines as dl

ENTITY = "inspection_call"


@dataclass(frozen=True)
class OpenCall:
    """What the banner needs: the call, its deadlines and the next one with the working days left."""

    call: InspectionCall
    deadlines: list[dl.Deadline]
    next: dl.Deadline | None
    days_left: int | None

    @property
    def type_label(self) -> str:
        return dl.INSPECTION_TYPES.get(self.call.inspection_type, self.call.inspection_type)


def open_call(session: Session) -> InspectionCall | None:
    return session.scalar(select(InspectionCall).where(InspectionCall.closed_at.is_(None))
                          .order_by(InspectionCall.id.desc()).limit(1))


def deadlines_of(call: InspectionCall) -> list[dl.Deadline]:
    return dl.deadlines_for(call.received_at, call.offsets or dl.DEFAULTS, call.inspection_type)


def summary(call: InspectionCall, today: date) -> OpenCall:
    found = deadlines_of(call)
    upcoming = dl.next_deadline(found, today)
    return OpenCall(call, found, upcoming, upcoming.left(today) if upcoming else None)


def past_calls(session: Session, rehearsal: bool | None = None) -> list[InspectionCall]:
    stmt = select(InspectionCall).where(InspectionCall.closed_at.is_not(None))
    if rehearsal is not None:
        stmt = stmt.where(InspectionCall.rehearsal.is_(rehearsal))
    return list(session.scalars(stmt.order_by(InspectionCall.received_at.desc(), InspectionCall.id.desc())))


def get(session: Session, call_id: int) -> InspectionCall | None:
    return session.get(InspectionCall, call_id)


def what_to_refresh(documents: list[Document]) -> str:
    """What the owner must bring up to date, from the documents backing the item when the call came."""
    if not documents:
        return "No document backs this item yet: upload one or add a link, or note what was checked."
    parts = []
    for document in documents:
        latest = document.versions[0] if document.versions else None
        bits = [f"version {latest.number}"] if latest else []
        if document.effective_on:
            bits.append(f"dated {words.day(document.effective_on)}")
        parts.append(f"“{document.title}”" + (f" ({', '.join(bits)})" if bits else ""))
    return "Bring up to date or confirm still current: " + "; ".join(parts) + "."


def _checklist_items(session: Session) -> list[EvidenceItem]:
    return by_ref(session.scalars(
        select(EvidenceItem)
        .where(EvidenceItem.archived_at.is_(None),
               EvidenceItem.status == EvidenceStatus.COMPLETE_UPDATE_ON_CALL.value)
        .options(selectinload(EvidenceItem.documents).selectinload(Document.versions))
    ))


def clean_received_at(received_at: datetime | None, now: datetime) -> datetime:
    if received_at is None:
        raise ServiceError("Enter the date and time the call came", field="received_on")
    if received_at > now + timedelta(minutes=5):
        raise ServiceError("The time the call came must be now or in the past", field="received_on")
    if received_at < now - timedelta(days=31):
        raise ServiceError("The call must have come in the last 31 days", field="received_on")
    return received_at


def record_call(session: Session, user: User, *, received_at: datetime | None, inspection_type: str,
                notes: str = "", rehearsal: bool = False) -> InspectionCall:
    """An admin records the call (or starts a rehearsal); the checklist is built in the same transaction."""
    if not is_admin(user):
        raise NotAllowed("Only a programme manager (admin) can record the inspection call")
    if inspection_type not in dl.INSPECTION_TYPES:
        raise ServiceError("Choose the type of inspection", field="inspection_type")
    received_at = clean_received_at(received_at, utcnow())
    current = open_call(session)
    if current is not None:
        kind = "A rehearsal" if current.rehearsal else "A call"
        raise ServiceError(f"{kind} is already open (recorded {words.moment(current.received_at)}). "
                           "End it before recording another", field="inspection_type")
    call = InspectionCall(received_at=received_at, inspection_type=inspection_type, notes=(notes or "").strip(),
                          rehearsal=rehearsal, offsets=dl.current_settings(session), created_by_id=user.id,
                          created_at=utcnow())
    session.add(call)
    session.flush()
    for item in _checklist_items(session):
        session.add(CallItem(call_id=call.id, evidence_item_id=item.id, owner_id=item.owner_id,
                             what=what_to_refresh(item.documents), note=""))
    session.flush()
    audit.record(session, user, ENTITY, call.id, "record",
                 {"received_at": received_at.isoformat(), "inspection_type": inspection_type,
                  "rehearsal": rehearsal, "version": [0, call.version]},
                 summary=("Started a rehearsal call" if rehearsal else "Recorded the inspection call")
                 + f" ({dl.INSPECTION_TYPES[inspection_type].lower()}, {words.moment(received_at)})")
    return call


def end_call(session: Session, user: User, call: InspectionCall, expected_version: int | None = None) -> int:
    """End the call; returns how many inspector accounts were deactivated with it."""
    if not is_admin(user):
        raise NotAllowed("Only a programme manager (admin) can end the inspection call")
    if call.closed_at is not None:
        raise ServiceError(f"This call already ended {words.moment(call.closed_at)}")
    if expected_version is not None and int(expected_version) != call.version:
        raise ServiceError(stale.refusal_words(["Someone else"], "this call"))
    old = call.version
    call.closed_at = utcnow()
    call.closed_by_id = user.id
    session.flush()
    inspector_ids = select(CallInspector.user_id).where(CallInspector.call_id == call.id)
    ended = session.execute(update(User).where(User.id.in_(inspector_ids), User.active.is_(True))
                            .values(active=False).execution_options(synchronize_session=False)).rowcount
    audit.record(session, user, ENTITY, call.id, "end",
                 {"closed": [False, True], "inspectors_deactivated": ended, "version": [old, call.version]},
                 summary=("Ended the rehearsal" if call.rehearsal else "Ended the inspection call")
                 + (f"; {words.plural(ended, 'inspector account')} deactivated" if ended else ""))
    return ended


def checklist(session: Session, call: InspectionCall) -> list[CallItem]:
    """The call's refresh checklist by reference, items, owners and who refreshed loaded."""
    return sorted(session.scalars(
        select(CallItem).where(CallItem.call_id == call.id)
        .join(EvidenceItem, EvidenceItem.id == CallItem.evidence_item_id)
        .options(selectinload(CallItem.evidence_item).selectinload(EvidenceItem.owner),
                 selectinload(CallItem.owner), selectinload(CallItem.refreshed_by))
    ), key=lambda line: item_key(line.evidence_item))  # by reference, as people read them: A2 before A10


def latest_version(document: Document) -> DocumentVersion | None:
    return document.versions[0] if document.versions else None


@dataclass
class OwnerList:
    """What one owner is emailed when the call is recorded: their checklist lines and unready items."""

    user: User
    to_refresh: list
    not_complete: list


def owner_lists(session: Session, call: InspectionCall, team_domains: tuple[str, ...] = ()) -> list[OwnerList]:
    """The owners to email: active admins and leads with something on their list.

    A rehearsal mails only the team: never an inspector, and only addresses in ``team_domains`` when
    the deployment names them.
    """
    from .checklist import alerts_by_owner

    found = []
    for alerts in alerts_by_owner(session, call):
        user = alerts.owner
        if user is None or not user.active or not is_staff(user) or not alerts.total:
            continue
        if call.rehearsal and team_domains and user.email.rpartition("@")[2].lower() not in team_domains:
            continue
        found.append(OwnerList(user, alerts.to_refresh, alerts.not_complete))
    return found


def clock_today() -> date:
    from ..clock import today

    return today()
