"""Evidence items: list (the catalogue's filters), get, change status with a reason."""

from math import ceil

from flask import g, request, url_for
from spectree import Response

from ..access import EVERYONE, STAFF
from ..extensions import db
from ..models import EvidenceItem, User
from ..models.enums import EvidenceStatus
from ..services import clock, evidence
from ..services.evidence import changes as evidence_changes
from ..services.evidence.catalogue import is_overdue_for_review
from . import ApiProblem, api_allow, bp, schemas, validate


def person(user: User | None) -> dict | None:
    return {"id": user.id, "name": user.name} if user is not None else None


def links(endpoint: str, page: int, pages: int, **args) -> dict:
    """Page links that keep the request's own query (filters), changing only the page."""
    query = {k: v for k, v in request.args.lists() if k != "page"}

    def at(n: int) -> str:
        return url_for(endpoint, page=n, **args, **query)

    return {"self": at(page), "first": at(1), "last": at(pages), "next": at(page + 1) if page < pages else None,
            "prev": at(page - 1) if page > 1 else None}


def item_json(item: EvidenceItem, owner: User | None, today) -> dict:
    return {"id": item.id, "ref": item.ref, "title": item.title, "section": item.section, "partner": item.partner,
            "status": item.status, "status_label": EvidenceStatus.label_for(item.status), "owner": person(owner),
            "due_date": item.due_date, "last_reviewed_on": item.last_reviewed_on,
            "overdue_for_review": is_overdue_for_review(item, today), "restricted": item.restricted,
            "notes": item.notes, "version": item.version}


def load_item(item_id: int) -> EvidenceItem:
    item = db.session.get(EvidenceItem, item_id)
    if item is None or item.archived_at is not None:
        raise ApiProblem(404, "Not Found", f"There is no evidence item {item_id}")
    return item


@bp.get("/items")
@api_allow(EVERYONE)
@validate(query=schemas.ItemQuery, resp=Response(HTTP_200=schemas.ItemPage, HTTP_401=schemas.Problem,
                                                  HTTP_403=schemas.Problem, HTTP_422=schemas.Problem))
def list_items():
    """Evidence items, filtered like the catalogue page, a page at a time."""
    q = request.context.query
    filters = evidence.Filters(statuses=tuple(q.status), section=q.section, owner=q.owner, partner=q.partner,
                               overdue=q.overdue, q=q.q)
    today = clock.today()
    result = evidence.catalogue(db.session, filters, page=q.page, per_page=q.per_page, on=today)
    pages = max(1, ceil(result.total / q.per_page))
    return schemas.ItemPage.model_validate({
        "items": [item_json(i, i.owner, today) for i in result.rows], "total": result.total, "page": result.page,
        "per_page": q.per_page, "links": links("api.list_items", result.page, pages)})


@bp.get("/items/<int(min=0, max=2147483647):item_id>")
@api_allow(EVERYONE)
@validate(resp=Response(HTTP_200=schemas.Item, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem,
                        HTTP_404=schemas.Problem))
def get_item(item_id: int):
    """One evidence item."""
    item = load_item(item_id)
    owner = db.session.get(User, item.owner_id) if item.owner_id else None
    return schemas.Item.model_validate(item_json(item, owner, clock.today()))


@bp.post("/items/<int(min=0, max=2147483647):item_id>/status")
@api_allow(STAFF, write=True)
@validate(json=schemas.StatusChangeIn, resp=Response(
    HTTP_200=schemas.Item, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem, HTTP_404=schemas.Problem,
    HTTP_409=schemas.Problem, HTTP_422=schemas.Problem))
def change_item_status(item_id: int):
    """Move an item to a new status with a reason (admins, or the lead who owns it)."""
    body = request.context.json
    item = load_item(item_id)
    evidence_changes.change_status(db.session, item, body.status, body.reason, g.api_user, body.version)
    db.session.commit()
    owner = db.session.get(User, item.owner_id) if item.owner_id else None
    return schemas.Item.model_validate(item_json(item, owner, clock.today()))
