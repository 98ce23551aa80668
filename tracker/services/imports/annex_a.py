"""Importing a partnership's Annex A tracker: one evidence item a row.

Headers are found by their usual names in any order and case (Ref/No., Item/Evidence/Title,
Section/Area, Status/RAG, Owner/Lead, Due/Deadline, Notes/Comments). A row matches an item by its
reference, else by its title (case and punctuation ignored); a match is updated, anything else is
created. A blank cell leaves the item's value as it is. Status words are councils' own (High Risk,
Red, R; Work underway but not complete, Amber, A; ...). Owners are matched by email, then by name.
Status changes go through the catalogue's own ``change_status`` with the reason "Imported from FILE
by USER", so an import's changes sit in each item's history like anyone's.
"""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import EvidenceItem, User
from ...models.enums import EvidenceStatus, Partner, Role
from ..evidence import changes as evidence_changes
from .plan import Change, Plan, reason
from .sheets import Cell, column_letter, find_columns, is_blank, parse_day, read_grid, text, words_key

HEADERS = {
    "ref": ("ref", "reference", "no", "number", "id", "itemref", "evidenceref", "annexaref", "item no", "itemno"),
    "title": ("item", "evidence", "title", "evidenceitem", "document", "documentation", "evidencerequired",
              "annexaitem", "requirement", "description", "name"),
    "section": ("section", "area", "theme", "category", "heading", "annexasection"),
    "status": ("status", "rag", "ragstatus", "progress", "ragrating", "currentstatus"),
    "owner": ("owner", "lead", "responsible", "leadofficer", "owneremail", "ownername", "responsibleofficer",
              "assignedto"),
    "due": ("due", "deadline", "duedate", "targetdate", "dateby", "by", "due by", "dueby"),
    "notes": ("notes", "comments", "comment", "note", "update", "latestupdate", "progressnotes"),
    "partner": ("partner", "organisation", "agency", "heldby"),
}

STATUS_WORDS = {
    EvidenceStatus.HIGH_RISK: ("high risk", "highrisk", "red", "r", "at risk", "high"),
    EvidenceStatus.UNDERWAY: ("work underway but not complete", "work underway", "underway", "amber", "a",
                              "in progress", "inprogress", "ongoing", "started", "partially complete"),
    EvidenceStatus.COMPLETE: ("complete", "completed", "green", "g", "done", "finished"),
    EvidenceStatus.COMPLETE_UPDATE_ON_CALL: (
        "complete but an update required once call comes", "complete but update required once call comes",
        "complete but an update required once the call comes", "complete update when the call comes",
        "complete update on call", "update on call", "blue", "b"),
    EvidenceStatus.NOT_STARTED: ("not started", "notstarted", "grey", "gray", "not yet started", "none", "n"),
}


def _status_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", value.lower()).split())


_STATUS_LOOKUP = {_status_key(word): status for status, words in STATUS_WORDS.items() for word in words}
for _status in EvidenceStatus:
    _STATUS_LOOKUP[_status_key(_status.label)] = _status
    _STATUS_LOOKUP[_status_key(_status.value)] = _status

MIN_HEADERS = 2
NEW_SECTION = "Imported"


def status_from_words(value: str) -> EvidenceStatus | None:
    """A council's status word as a status: 'Amber' → underway; None when it is not one we know."""
    return _STATUS_LOOKUP.get(_status_key(value))


def _header_row(grid: list[list[Cell]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid[:15]):
        columns = find_columns(row, HEADERS)
        if "title" in columns and len(columns) >= MIN_HEADERS:
            return index, columns
    return None


def _owners(session: Session) -> tuple[dict[str, User], dict[str, list[User]]]:
    people = session.scalars(select(User).where(User.active.is_(True), User.role.in_([Role.ADMIN, Role.LEAD])))
    by_email, by_name = {}, {}
    for user in people:
        by_email[user.email.lower()] = user
        by_name.setdefault(words_key(user.name), []).append(user)
    return by_email, by_name


def _partner(value: str) -> str | None:
    key = words_key(value)
    for partner in Partner:
        if key in (words_key(partner.value), words_key(partner.label)):
            return partner.value
    return {"nhs": "health", "icb": "health", "la": "council", "localauthority": "council", "pcf": "parent_carer_forum",
            "schools": "schools_settings", "education": "schools_settings", "socialcare": "social_care"}.get(key)


def plan_annex_a(session: Session, data: bytes, filename: str, today: date) -> Plan:
    """The dry run of importing an Annex A tracker. Writes nothing."""
    plan = Plan("annex-a", filename)
    grid = read_grid(data, filename)
    found = _header_row(grid)
    if found is None:
        plan.error(1, "", "", "No header row was found. The first rows must include an “Item” (or “Evidence” or "
                              "“Title”) column and at least one of Ref, Section, Status, Owner, Due or Notes")
        return plan
    header_index, columns = found
    header = grid[header_index]
    names = {field: text(header[i]) or column_letter(i) for field, i in columns.items()}
    ignored = [text(c) for i, c in enumerate(header) if not is_blank(c) and i not in columns.values()]
    if ignored:
        plan.notes.append("These columns were not imported: " + ", ".join(ignored))
    items = list(session.scalars(select(EvidenceItem).where(EvidenceItem.archived_at.is_(None))))
    by_ref = {item.ref.lower(): item for item in items}
    by_title = {words_key(item.title): item for item in items}
    by_email, by_name = _owners(session)
    seen: dict[str, int] = {}
    taken_refs = {item.ref.lower() for item in session.scalars(select(EvidenceItem))}
    next_number = 1
    for offset, row in enumerate(grid[header_index + 1:], start=header_index + 2):
        cells = {field: (row[i] if i < len(row) else None) for field, i in columns.items()}
        if all(is_blank(c) for c in cells.values()):
            continue
        errors_before = len(plan.errors)
        ref = text(cells.get("ref"))[:40]
        title = text(cells.get("title"))
        if not title and not ref:
            continue
        item = by_ref.get(ref.lower()) if ref else None
        if item is None and title:
            item = by_title.get(words_key(title))
        key = f"id{item.id}" if item is not None else (ref.lower() or words_key(title))
        if key in seen:
            plan.error(offset, names.get("ref") or names["title"], ref or title,
                       f"is the same item as row {seen[key]}: each item can appear once")
            continue
        seen[key] = offset
        if not title and item is None:
            plan.error(offset, names["title"], "", "is blank: a new item needs a title")
            continue
        if len(title) > 200:
            plan.error(offset, names["title"], title, "is longer than 200 characters")
        if len(ref) > 20:
            plan.error(offset, names["ref"], ref, "is longer than 20 characters")
        fields: dict = {}
        if title:
            fields["title"] = title
        section = text(cells.get("section"))
        if section:
            if len(section) > 120:
                plan.error(offset, names["section"], section, "is longer than 120 characters")
            fields["section"] = section[:120]
        notes = text(cells.get("notes")) if "notes" in cells else ""
        if notes:
            fields["notes"] = str(cells["notes"]).strip() if isinstance(cells["notes"], str) else notes
        if not is_blank(cells.get("partner")):
            partner = _partner(text(cells["partner"]))
            if partner is None:
                plan.error(offset, names["partner"], cells["partner"],
                           "is not a partner we know: use Council, Health, Social care, Parent carer forum or "
                           "Schools and settings")
            else:
                fields["partner"] = partner
        if not is_blank(cells.get("due")):
            try:
                fields["due_date"] = parse_day(cells["due"])
            except ValueError:
                plan.error(offset, names["due"], cells["due"], "is not a date: write it like 31/10/2025")
        if not is_blank(cells.get("owner")):
            owner_text = text(cells["owner"])
            owner = by_email.get(owner_text.lower())
            if owner is None:
                matches = by_name.get(words_key(owner_text), [])
                if len(matches) > 1:
                    plan.error(offset, names["owner"], owner_text,
                               "matches more than one person: use their email address")
                owner = matches[0] if len(matches) == 1 else None
                if owner is None and not matches:
                    plan.error(offset, names["owner"], owner_text,
                               "is not the email or name of a programme manager or lead who can sign in. "
                               "Add them as a user first, or leave the cell blank")
            if owner is not None:
                fields["owner_id"] = owner.id
        status = None
        if not is_blank(cells.get("status")):
            status = status_from_words(text(cells["status"]))
            if status is None:
                plan.error(offset, names["status"], cells["status"],
                           "is not a status we know: use High risk (Red), Work underway (Amber), Complete "
                           "(Green), Complete but an update required once call comes (Blue) or Not started")
        if len(plan.errors) > errors_before:
            continue
        if item is None:
            if not ref:
                while f"n{next_number}" in taken_refs:
                    next_number += 1
                ref = f"N{next_number}"
                plan.warn(offset, names.get("ref", ""), "", f"has no reference, so the new item will be {ref}")
            elif ref.lower() in taken_refs:
                plan.error(offset, names["ref"], ref, "is the reference of an archived item: choose another")
                continue
            taken_refs.add(ref.lower())
            if "section" not in fields:
                fields["section"] = NEW_SECTION
                plan.warn(offset, names.get("section", ""), "", f"has no section, so it goes under “{NEW_SECTION}”")
            fields["ref"] = ref
            _plan_create(plan, fields, status, offset)
        else:
            _plan_update(plan, item, fields, status, today)
    return plan


def _plan_create(plan: Plan, fields: dict, status: EvidenceStatus | None, row: int) -> None:
    label = f"{fields['ref']} {fields['title']}"
    details = [f"status {status.label}"] if status and status != EvidenceStatus.NOT_STARTED else []
    plan.created.append(Change(label, details))

    def write(session: Session, user: User) -> None:
        data = {"partner": Partner.COUNCIL.value, "review_every_days": 90, "restricted": False, "description": "",
                "notes": "", "owner_id": None, "due_date": None, "last_reviewed_on": None, **fields}
        item = evidence_changes.create_item(session, data, user)
        if status is not None and status != EvidenceStatus.NOT_STARTED:
            evidence_changes.change_status(session, item, status.value, reason(plan.filename, user), user, None)

    plan.writes.append(write)


def _plan_update(plan: Plan, item: EvidenceItem, fields: dict, status: EvidenceStatus | None, today: date) -> None:
    label = f"{item.ref} {item.title}"
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    status_changes = status is not None and status.value != item.status
    details = [name.replace("_id", "").replace("_", " ") for name in changed]
    if status_changes:
        details.append(f"status {EvidenceStatus.label_for(item.status)} → {status.label}")
    if not details:
        plan.unchanged.append(Change(label))
        return
    plan.updated.append(Change(label, details))
    item_id, seen_version = item.id, item.version

    def write(session: Session, user: User) -> None:
        current = session.get(EvidenceItem, item_id)
        if changed:
            data = {name: getattr(current, name) for name in evidence_changes.EDITABLE}
            data.update({name: fields[name] for name in changed})
            evidence_changes.update_item(session, current, data, user, seen_version, on=today)
        if status_changes:
            evidence_changes.change_status(session, current, status.value, reason(plan.filename, user), user,
                                           current.version, on=today)

    plan.writes.append(write)
