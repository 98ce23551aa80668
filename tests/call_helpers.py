"""Shared set-up for the call tests: a small catalogue with items to refresh, and posting forms."""

from datetime import UTC, datetime

from tests.checks import csrf_token
from tracker.services import clock

# Friday 4 December 2026, 14:30 in London (GMT, so the same in UTC).
CALL_AT = datetime(2026, 12, 4, 14, 30, tzinfo=UTC)


def catalogue(app, sam, aisha):
    """Four items: two to refresh (one each), one underway (Sam), one complete (Aisha)."""
    from tracker.extensions import db
    from tracker.models import Document, DocumentVersion, EvidenceItem

    with app.app_context():
        items = [
            EvidenceItem(ref="A1", title="Self-evaluation", section="Leadership", owner_id=sam.id,
                         status="complete_update_on_call", position=1),
            EvidenceItem(ref="A2", title="SEND strategy", section="Leadership", owner_id=aisha.id,
                         status="complete_update_on_call", position=2),
            EvidenceItem(ref="A3", title="Short breaks", section="Care", owner_id=sam.id, status="underway", position=3),
            EvidenceItem(ref="A4", title="Local offer", section="Care", owner_id=aisha.id, status="complete", position=4),
        ]
        db.session.add_all(items)
        db.session.flush()
        doc = Document(kind="link", title="SEF 2026", created_by_id=sam.id)
        doc.evidence_items.append(items[0])
        db.session.add(doc)
        db.session.flush()
        db.session.add(DocumentVersion(document_id=doc.id, number=1, url="https://example.org/sef"))
        db.session.commit()
        return {item.ref: item.id for item in items}


def post(client, url, data):
    return client.post(url, data={"csrf_token": csrf_token(client), **data})


def record(client, rehearsal=False, when=CALL_AT, kind="full"):
    local = clock.local(when)
    with clock.frozen(when):
        return post(client, "/call/rehearse" if rehearsal else "/call/record", {
            "received_on": [str(local.day), str(local.month), str(local.year)],
            "received_time": local.strftime("%H:%M"), "inspection_type": kind, "notes": "Lead inspector rang",
        })
