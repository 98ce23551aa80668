"""Demo evidence: the 36 items of a council readiness tracker, with owners, due dates and histories.

The statuses follow the Annex A slide of a real SEND improvement update (Sefton, October 2024):
2 high risk, 12 work underway, 11 complete, 11 complete but to update when the call comes. The
high-risk and underway items are the ones the slide names, mapped onto the catalogue refs.
"""

from datetime import timedelta

from sqlalchemy import func, select

from ...models import EvidenceItem, StatusChange
from ...models.enums import EvidenceStatus as S
from .. import audit
from ..evidence.item_page import ENTITY

LOCAL_SECTION = "Local evidence"

# Five items the partnership tracks on top of the 31 in the catalogue: (ref, title, description, partner).
LOCAL_ITEMS = (
    ("L1", "Local Offer website analytics",
     "How families use the Local Offer website: visits, searches and feedback, and what changed as a result.",
     "council"),
    ("L2", "Preparing for adulthood pathway",
     "The agreed pathway from year 9 to adult services, with transition planning evidence for young people.",
     "social_care"),
    ("L3", "SEND training offer",
     "The partnership's training programme for staff in schools, settings and services, with take-up figures.",
     "schools_settings"),
    ("L4", "EHE (elective home education) monitoring",
     "Numbers and needs of electively home educated children, and how those with SEND are followed up.",
     "council"),
    ("L5", "SEND complaints log and learning",
     "Complaints about SEND services, response times and the changes made because of them.",
     "council"),
)

# ref -> (status at the end of the story, owner key, due date in days from today: negative is past).
PLAN = {
    # High risk (the slide: Self-Evaluation, Short Breaks)
    "A1": (S.HIGH_RISK, "manager", 21),
    "A23": (S.HIGH_RISK, "social_care", -14),
    # Work underway but not complete (the slide's twelve)
    "A14": (S.UNDERWAY, "head_send", -5),
    "A2": (S.UNDERWAY, "head_send", 35),
    "A24": (S.UNDERWAY, "commissioning", 49),
    "A30": (S.UNDERWAY, "inclusion", 63),
    "A31": (S.UNDERWAY, "performance", 42),
    "A25": (S.UNDERWAY, "head_send", -10),
    "A26": (S.UNDERWAY, "social_care", 28),
    "A27": (S.UNDERWAY, "dco", 56),
    "A8": (S.UNDERWAY, "commissioning", 30),
    "A28": (S.UNDERWAY, "head_send", 70),
    "A29": (S.UNDERWAY, "head_send", 77),
    "A10": (S.UNDERWAY, "commissioning", 45),
    # Complete
    "A3": (S.COMPLETE, "manager", -60),
    "A4": (S.COMPLETE, "performance", -120),
    "A5": (S.COMPLETE, "manager", -90),
    "A7": (S.COMPLETE, "pcf", -45),
    "A9": (S.COMPLETE, "dco", -30),
    "A11": (S.COMPLETE, "commissioning", -110),
    "A12": (S.COMPLETE, "head_send", -75),
    "L1": (S.COMPLETE, "performance", -40),
    "L2": (S.COMPLETE, "social_care", -50),
    "L3": (S.COMPLETE, "inclusion", -35),
    "L5": (S.COMPLETE, "performance", -25),
    # Complete, but to be brought up to date when the inspection call comes
    "A6": (S.COMPLETE_UPDATE_ON_CALL, "manager", -20),
    "A13": (S.COMPLETE_UPDATE_ON_CALL, "performance", -30),
    "A15": (S.COMPLETE_UPDATE_ON_CALL, "performance", -40),
    "A16": (S.COMPLETE_UPDATE_ON_CALL, "dco", -50),
    "A17": (S.COMPLETE_UPDATE_ON_CALL, "head_send", -60),
    "A18": (S.COMPLETE_UPDATE_ON_CALL, "inclusion", -55),
    "A19": (S.COMPLETE_UPDATE_ON_CALL, "performance", -130),
    "A20": (S.COMPLETE_UPDATE_ON_CALL, "head_send", -45),
    "A21": (S.COMPLETE_UPDATE_ON_CALL, "manager", -15),
    "A22": (S.COMPLETE_UPDATE_ON_CALL, "manager", -15),
    "L4": (S.COMPLETE_UPDATE_ON_CALL, "head_send", -35),
}

# Not looked at for more than their review interval: the "overdue for review" filter finds these.
OVERDUE_FOR_REVIEW = ("A4", "A11", "A19", "A26")

# The path each item took before arriving at its status (the last step is the status itself).
PATHS = {
    S.HIGH_RISK: ((S.UNDERWAY, S.HIGH_RISK), (S.UNDERWAY, S.HIGH_RISK, S.UNDERWAY, S.HIGH_RISK)),
    S.UNDERWAY: ((S.UNDERWAY,), (S.UNDERWAY,), (S.UNDERWAY, S.HIGH_RISK, S.UNDERWAY)),
    S.COMPLETE: ((S.UNDERWAY, S.COMPLETE), (S.UNDERWAY, S.COMPLETE), (S.UNDERWAY, S.HIGH_RISK, S.UNDERWAY, S.COMPLETE)),
    S.COMPLETE_UPDATE_ON_CALL: (
        (S.UNDERWAY, S.COMPLETE, S.COMPLETE_UPDATE_ON_CALL),
        (S.UNDERWAY, S.COMPLETE_UPDATE_ON_CALL),
        (S.COMPLETE_UPDATE_ON_CALL,),
    ),
}

# Fixed paths where the real story is known.
KNOWN_PATHS = {
    "A1": (S.UNDERWAY, S.HIGH_RISK),
    "A23": (S.UNDERWAY, S.HIGH_RISK),
    "A2": (S.UNDERWAY,),
}

REASONS = {
    S.UNDERWAY: (
        "Owner agreed at the SEND Improvement Group; gathering what already exists across partners.",
        "Scope agreed and a first draft started.",
        "Kick-off meeting held with partners; template and timeline agreed.",
        "Existing documents collected; gaps being filled.",
    ),
    S.HIGH_RISK: (
        "Deadline at risk: the data needed from partner systems is not yet available.",
        "Lead officer on long-term absence; cover being arranged.",
        "Capacity diverted to other inspection priorities; progress has stalled.",
    ),
    "recovered": (
        "Recovery plan agreed at the SEND Improvement Group; back on track.",
        "Cover arranged and the data extract received; work restarted.",
    ),
    S.COMPLETE: (
        "Signed off at the SEND Improvement Group.",
        "Final version uploaded and checked by the programme manager.",
        "Reviewed with partners; the evidence is in place and current.",
    ),
    S.COMPLETE_UPDATE_ON_CALL: (
        "Complete; figures must be refreshed from the live systems when the inspection call comes.",
        "Current version in place; to be re-run and re-checked on notification.",
        "Signed off; the list changes daily, so it will be regenerated when the call comes.",
    ),
}

# The real reasons from the council's update, for the items it talks about.
KNOWN_REASONS = {
    ("A1", S.HIGH_RISK): "A draft SEF has been produced but is not yet agreed by partners; the gap analysis and "
                         "action plan still have to be written before the November Board.",
    ("A23", S.HIGH_RISK): "The short breaks review has been delayed: capacity was diverted to the SEND strategy. "
                          "A revised timeline starts the review in January.",
    ("A2", S.UNDERWAY): "Draft SEND strategy written; timeline agreed for co-production and consultation with "
                        "head teachers, families, young people and partners.",
    ("A10", S.UNDERWAY): "AP task and finish group set up; analysis of AP placements done, QA framework developed "
                         "and the AP register being built.",
    ("A29", S.UNDERWAY): "AP register in creation; settings and attendee lists being checked against it.",
    ("A7", S.COMPLETE): "Co-production charter finalised, signed off and shared with partners.",
    ("L4", S.COMPLETE_UPDATE_ON_CALL): "Year-end EHE summary complete; open referrals must be refreshed on "
                                       "notification.",
}

HISTORY_DAYS = 180


def _add_local_items(ctx) -> None:
    session = ctx.session
    position = session.scalar(select(func.max(EvidenceItem.position))) or 0
    for n, (ref, title, description, partner) in enumerate(LOCAL_ITEMS, start=1):
        session.add(EvidenceItem(ref=ref, title=title, section=LOCAL_SECTION, description=description,
                                 partner=partner, status=S.NOT_STARTED, position=position + n))
    session.flush()


def _history_days(ctx, ref: str, steps: int) -> list[int]:
    """Days ago for each change, oldest first, inside the last six months."""
    if ref in OVERDUE_FOR_REVIEW:
        low, high = 100, HISTORY_DAYS
    else:
        low, high = 2, HISTORY_DAYS
    days = sorted(ctx.rng.sample(range(low, high), steps), reverse=True)
    return days


def _reason(ctx, ref: str, previous: str, status: str) -> str:
    if (ref, status) in KNOWN_REASONS:
        return KNOWN_REASONS[(ref, status)]
    key = "recovered" if previous == S.HIGH_RISK and status == S.UNDERWAY else status
    return ctx.rng.choice(REASONS[key])


def _tell_history(ctx, item: EvidenceItem, status: S, owner_key: str) -> None:
    path = KNOWN_PATHS.get(item.ref) or ctx.rng.choice(PATHS[status])
    days = _history_days(ctx, item.ref, len(path))
    previous = S.NOT_STARTED
    for step, days_ago in zip(path, days, strict=True):
        # Owners record their own progress; the programme manager records most sign-offs.
        signs_off = step in (S.COMPLETE, S.COMPLETE_UPDATE_ON_CALL) and ctx.rng.random() < 0.5
        who = ctx.users["manager"] if signs_off else ctx.users[owner_key]
        reason, at = _reason(ctx, item.ref, previous, step), ctx.moment(days_ago)
        ctx.session.add(StatusChange(evidence_item_id=item.id, from_status=previous, to_status=step,
                                     reason=reason, user_id=who.id, changed_at=at))
        # The audit trail tells the same story as the status history, in the words change_status uses.
        # (No version pair: these are history told at load, not saves a stale-edit check should count.)
        event = audit.record(ctx.session, who, ENTITY, item.id, "status",
                             {"status": [previous.value, step.value], "reason": reason},
                             summary=f"Status changed from {S.label_for(previous)} to {S.label_for(step)}. "
                                     f"Reason: {reason}")
        event.at = at
        previous = step
    last_change = ctx.today - timedelta(days=days[-1])
    if item.ref in OVERDUE_FOR_REVIEW:
        item.last_reviewed_on = last_change
    else:
        # Looked at since the last change (a review does not always change the status).
        recent = ctx.today - timedelta(days=ctx.rng.randrange(1, 60))
        item.last_reviewed_on = max(last_change, recent)
    ctx.result.add("status changes", len(path))


def load(ctx) -> None:
    _add_local_items(ctx)
    items = {item.ref: item for item in ctx.session.scalars(select(EvidenceItem).order_by(EvidenceItem.position))}
    missing = sorted(set(PLAN) - set(items))
    if missing:
        raise ValueError(f"The demo plan names items missing from the catalogue: {', '.join(missing)}")
    for ref, (status, owner_key, due_in) in PLAN.items():
        item = items[ref]
        item.status = status.value
        item.owner_id = ctx.users[owner_key].id
        item.due_date = ctx.today + timedelta(days=due_in)
        _tell_history(ctx, item, status, owner_key)
    ctx.items = items
    ctx.result.add("evidence items", len(PLAN))
