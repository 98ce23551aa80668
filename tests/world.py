"""One of every kind of record, so every route with an id in its URL can be visited.

Route arguments use these names only; WORLD_ARGS maps each to the id of the record made here.
"""

from datetime import UTC, date, datetime

from tracker.models import (
    Action,
    Area,
    Benchmark,
    BoardMeeting,
    CallItem,
    Comment,
    Criterion,
    Document,
    DocumentVersion,
    EvidenceItem,
    Framework,
    Indicator,
    IndicatorValue,
    InspectionCall,
    Job,
    ReportFile,
    Risk,
    SefVersion,
    StatusChange,
    User,
    Voice,
    Workstream,
)


def build_world(session, owner: User, visitor: User | None = None) -> dict[str, int | str]:
    """Create the records and return {route argument name: id}.

    Records only their requester may see (a background job) belong to ``visitor``, the signed-in user.
    """
    item = EvidenceItem(ref="W1", title="World item", section="World", owner_id=owner.id, status="underway")
    session.add(item)
    session.flush()
    session.add(StatusChange(evidence_item_id=item.id, from_status=None, to_status="underway", reason="Set up"))
    document = Document(kind="link", title="World link", created_by_id=owner.id)
    document.evidence_items.append(item)
    session.add(document)
    session.flush()
    version = DocumentVersion(document_id=document.id, number=1, url="https://example.org/doc")
    session.add(version)
    workstream = Workstream(name="World workstream", group="SEND Improvement Group", lead_id=owner.id)
    session.add(workstream)
    session.flush()
    action = Action(workstream_id=workstream.id, title="World action", owner_id=owner.id, due_date=date(2030, 1, 1))
    risk = Risk(workstream_id=workstream.id, description="World risk", owner_id=owner.id)
    indicator = Indicator(code="WORLD1", title="World indicator", unit="percent", polarity="higher_is_better",
                          frequency="monthly", owner_id=owner.id)
    session.add_all([action, risk, indicator])
    session.flush()
    value = IndicatorValue(indicator_id=indicator.id, period_start=date(2026, 1, 1), value=50)
    benchmark = Benchmark(indicator_id=indicator.id, kind="national", period_label="2024", year=2024, value=46.4)
    comment = Comment(evidence_item_id=item.id, author_id=owner.id, body="World comment")
    framework = Framework(key="world", title="World framework", is_selected=True)
    session.add_all([value, benchmark, comment, framework])
    session.flush()
    area = Area(framework_id=framework.id, key="world-area", title="World area", owner_id=owner.id)
    session.add(area)
    session.flush()
    criterion = Criterion(area_id=area.id, key="world-1", text="World criterion")
    meeting = BoardMeeting(held_on=date(2026, 1, 1))
    voice = Voice(source_type="parent_carer", text="World voice", consent=True, created_by_id=owner.id)
    job = Job(kind="test_echo", params={}, status="failed", stage="Failed", error="World failure",
              requested_by_id=(visitor or owner).id, result={})
    session.add_all([criterion, meeting, voice, job])
    session.flush()
    report_file = ReportFile(job_id=job.id, name="world.txt", mimetype="text/plain", size=5, sha256="0" * 64)
    sef_version = SefVersion(number=1, framework_id=framework.id, status="draft", created_by_id=owner.id, snapshot={})
    session.add_all([report_file, sef_version])
    session.flush()
    call = InspectionCall(received_at=datetime(2026, 1, 5, 9, tzinfo=UTC), inspection_type="full",
                          created_by_id=owner.id)
    session.add(call)
    session.flush()
    line = CallItem(call_id=call.id, evidence_item_id=item.id, owner_id=owner.id, what="World refresh")
    session.add(line)
    session.flush()
    return {
        "call_id": call.id,
        "line_id": line.id,
        "item_id": item.id,
        "document_id": document.id,
        "version_id": version.id,
        "comment_id": comment.id,
        "workstream_id": workstream.id,
        "action_id": action.id,
        "risk_id": risk.id,
        "indicator_id": indicator.id,
        "value_id": value.id,
        "benchmark_id": benchmark.id,
        "user_id": owner.id,
        "framework_id": framework.id,
        "area_id": area.id,
        "criterion_id": criterion.id,
        "meeting_id": meeting.id,
        "voice_id": voice.id,
        "job_id": job.id,
        "file_id": report_file.id,
        "sef_version_id": sef_version.id,
        "file_kind": "pdf",
        # The generic links page: /links/<kind>/<record_id>/<other_kind>
        "kind": "evidence",
        "fmt": "xlsx",
        "token_id": _token(session, owner),
        "period": "2026-01-01",
        "record_id": item.id,
        "other_kind": "indicator",
        # The SEF's move and retire buttons: /sef/areas/<id>/<direction> and /<change>
        "direction": "up",
        "change": "retire",
    }


def _token(session, owner: User) -> int:
    from tracker.models import ApiToken

    token = ApiToken(user_id=owner.id, name="World token", token_hash="0" * 64, scope="read")
    session.add(token)
    session.flush()
    return token.id
