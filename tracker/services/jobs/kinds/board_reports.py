"""The board pack (PDF) and the gap report (DOCX, PDF or XLSX) as background jobs.

Each run builds one plain data object with the same service the page uses (``readiness.board_summary``,
``gaps.analyse``) and hands it to a builder that never queries.
"""

from datetime import date

from sqlalchemy import select

from ....models import BoardMeeting
from ... import clock, gaps, readiness, settings, words
from ...errors import ServiceError
from .. import JobKind, register

DEFAULT_PARTNERSHIP = "Local area SEND partnership"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise ServiceError(f"“{value}” is not a date") from error


def next_meeting(session, today: date) -> BoardMeeting | None:
    """The board meeting the pack is for: the next one recorded on or after today, if any."""
    return session.scalar(select(BoardMeeting).where(BoardMeeting.held_on >= today)
                          .order_by(BoardMeeting.held_on, BoardMeeting.id).limit(1))


def board_pack_bytes(session, params: dict) -> tuple[bytes, str, dict]:
    """(PDF, file name, facts) for the board pack described by ``params`` (on, since, partnership)."""
    from ....reports import board_pack

    today = clock.today()
    summary = readiness.board_summary(session, today, on=_day(params.get("on")), since=_day(params.get("since")),
                                      partnership=params.get("partnership") or settings.partnership_name(
                                          session, DEFAULT_PARTNERSHIP))
    meeting = next_meeting(session, today)
    # Without a meeting recorded ahead, the pack says when it was prepared rather than naming a past board.
    data = board_pack.build(summary, meeting.held_on if meeting else None,
                            meeting.title if meeting else f"Prepared on {words.day(today)}")
    name = f"board-pack-{summary.on.isoformat()}.pdf"
    return data, name, {"readiness": summary.counts.readiness_text, "items": summary.counts.total}


def gap_report_bytes(session, params: dict) -> tuple[bytes, str, str, dict]:
    from ....reports import gap_report

    form = params.get("format") or "docx"
    if form not in gap_report.BUILDERS:
        raise ServiceError("Choose Word (DOCX), PDF or Excel (XLSX)")
    analysis = gaps.analyse(session, clock.today())
    partnership = params.get("partnership") or settings.partnership_name(session, DEFAULT_PARTNERSHIP)
    data, media_type = gap_report.build(analysis, partnership, form)
    return data, f"gap-analysis-{analysis.today.isoformat()}.{form}", media_type, {"gaps": len(analysis.shown)}


def run_board_pack(ctx) -> None:
    ctx.progress("Reading the figures and drawing the charts", 0.2)
    data, name, facts = board_pack_bytes(ctx.session, ctx.params)
    ctx.progress("Saving the PDF", 0.9)
    ctx.save_file(name, data, "application/pdf")
    ctx.set_result(**facts)


def run_gap_report(ctx) -> None:
    ctx.progress("Finding the gaps", 0.2)
    data, name, media_type, facts = gap_report_bytes(ctx.session, ctx.params)
    ctx.progress("Saving the report", 0.9)
    ctx.save_file(name, data, media_type)
    ctx.set_result(**facts)


register(JobKind(name="board_pack", title="Board pack", run=run_board_pack,
                 return_to=("Back to the board summary", "board.index")))
register(JobKind(name="gap_report", title="Gap report", run=run_gap_report,
                 return_to=("Back to the gap analysis", "board.gap_analysis")))
