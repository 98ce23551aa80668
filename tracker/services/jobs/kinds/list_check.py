"""Checking a person-level list as a background job: a 50,000-row list takes seconds, not a page load."""

from ....models import EvidenceItem
from ... import list_checks
from ...errors import ServiceError
from .. import JobKind, register


def run(ctx) -> None:
    item = ctx.session.get(EvidenceItem, int(ctx.params.get("item_id") or 0))
    if item is None:
        raise ServiceError("The evidence item no longer exists")
    ctx.progress(f"Checking List {item.person_list} for {item.ref}", 0.1)
    result = list_checks.check_item(ctx.session, item, ctx.folder, ctx.user)
    ctx.set_result(item_id=item.id, summary=result.summary(), passed=result.passed, rows=result.rows)


register(JobKind(name="list_check", title="Person-level list check", run=run,
                 return_to=("Back to the evidence catalogue", "evidence.index")))
