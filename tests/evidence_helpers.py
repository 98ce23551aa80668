"""Making evidence items for tests: one at a time with the ORM, or hundreds in one bulk INSERT."""

from datetime import date

from sqlalchemy import insert

from tests.checks import csrf_token, soup
from tracker.models import EvidenceItem, utcnow
from tracker.models.enums import EvidenceStatus


def add_item(app, **fields) -> int:
    """Commit one item (defaults fill what a test does not care about) and return its id."""
    from tracker.extensions import db

    values = {"ref": "A1", "title": "Self-evaluation", "section": "Strategy", "status": "not_started", **fields}
    with app.app_context():
        item = EvidenceItem(**values)
        db.session.add(item)
        db.session.commit()
        return item.id


def bulk_items(app, n: int, start: int = 1, **fields) -> None:
    """Commit ``n`` items in one INSERT, cycling through the statuses and five sections."""
    from tracker.extensions import db

    statuses = EvidenceStatus.values()
    now = utcnow()
    rows = [
        {
            "ref": f"B{i}", "title": f"Bulk item {i}", "section": f"Section {i % 5}", "description": "",
            "partner": "council", "owner_id": None, "status": statuses[i % len(statuses)],
            "due_date": date(2030, 1, 1), "last_reviewed_on": None, "review_every_days": 90, "notes": "",
            "restricted": False, "position": 1000 + i, "version": 1, "created_at": now, "updated_at": now,
            **fields,
        }
        for i in range(start, start + n)
    ]
    with app.app_context():
        db.session.execute(insert(EvidenceItem), rows)
        db.session.commit()


def load(app, item_id: int) -> EvidenceItem:
    """The item as the database holds it now (a fresh session, so nothing cached hides a change)."""
    from tracker.extensions import db

    with app.app_context():
        db.session.remove()
        item = db.session.get(EvidenceItem, item_id)
        db.session.expunge(item)
        return item


def count(app, model, **where) -> int:
    from sqlalchemy import func, select

    from tracker.extensions import db

    with app.app_context():
        db.session.remove()
        stmt = select(func.count()).select_from(model).filter_by(**where)
        return db.session.scalar(stmt)


def row_refs(response) -> list[str]:
    """The references in the catalogue table, in the order shown."""
    page = soup(response)
    return [row.find("td").get_text(strip=True) for row in page.select("table tbody tr")]


def form_fields(response, form_selector: str = "main form[method=post]") -> dict:
    """The values a browser would submit from a page's form (text, hidden, checked radios, selects)."""
    page = soup(response)
    form = page.select_one(form_selector)
    data: dict[str, object] = {}
    for control in form.find_all(["input", "textarea", "select"]):
        name = control.get("name")
        if not name:
            continue
        if control.name == "textarea":
            data[name] = control.get_text()
        elif control.name == "select":
            chosen = control.find("option", selected=True) or control.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif control.get("type") in ("radio", "checkbox"):
            if control.has_attr("checked"):
                data.setdefault(name, []).append(control.get("value", "y"))
        elif name in data:  # the three boxes of a date share one name
            existing = data[name]
            data[name] = (existing if isinstance(existing, list) else [existing]) + [control.get("value", "")]
        else:
            data[name] = control.get("value", "")
    return data


__all__ = ["add_item", "bulk_items", "count", "csrf_token", "form_fields", "load", "row_refs"]
