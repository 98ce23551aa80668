"""Exports: the catalogue, the indicators with their values, and the programme, as XLSX or CSV.

Each builder reads with the same services as the pages (the catalogue's filters, the indicators'
overview), turns records into ``Table``s of plain values and hands them to ``workbook``. The columns
are the importers' own headers, so an export imports again with no changes.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ...models import Action, Indicator, IndicatorValue, Risk, User, Workstream
from ...models.enums import (
    ActionKind,
    ActionStatus,
    EvidenceStatus,
    Frequency,
    Partner,
    Polarity,
    Rag,
    RiskKind,
    Unit,
    YearTotal,
)
from .. import clock
from ..evidence.catalogue import Filters, catalogue
from ..indicators import periods
from .workbook import Column, Percent, Table, to_csv, to_xlsx

KINDS = ("catalogue", "indicators", "programme")
ALL_ROWS = 1_000_000


def _emails(session: Session) -> dict[int, str]:
    return {user_id: email for user_id, email in session.execute(select(User.id, User.email))}


def catalogue_tables(session: Session, filters: Filters | None = None,
                     on: date | None = None) -> list[Table]:
    """The active catalogue, narrowed by the list page's filters, in catalogue order."""
    page = catalogue(session, filters or Filters(), per_page=ALL_ROWS, on=on)
    table = Table("Evidence", [
        Column("Ref", width=8), Column("Title", width=50), Column("Section", width=28), Column("Partner", width=18),
        Column("Status", width=24), Column("Owner", width=28), Column("Due", "date", 12),
        Column("Last reviewed", "date", 14), Column("Review every (days)", "number", 10), Column("Restricted", width=10),
        Column("Notes", width=60)])
    for item in page.rows:
        table.rows.append([item.ref, item.title, item.section, Partner.label_for(item.partner),
                           EvidenceStatus.label_for(item.status), item.owner.email if item.owner else None,
                           item.due_date, item.last_reviewed_on, item.review_every_days,
                           "Yes" if item.restricted else "No", item.notes or None])
    return [table]


def indicator_tables(session: Session, theme: str | None = None) -> list[Table]:
    """Two sheets: the indicators' definitions, and every value in the long layout (code, period, value ...)."""
    stmt = select(Indicator).order_by(Indicator.position, Indicator.code)
    if theme:
        stmt = stmt.where(Indicator.theme == theme)
    indicators = list(session.scalars(stmt))
    emails = _emails(session)
    definitions = Table("Indicators", [
        Column("Code", width=12), Column("Title", width=50), Column("Theme", width=24), Column("Unit", width=12),
        Column("Frequency", width=12), Column("Which way is better", width=20), Column("Year total", width=20),
        Column("Target", "number", 10), Column("Tolerance", "number", 10), Column("Owner", width=28),
        Column("Active", width=8), Column("Definition", width=60), Column("Source", width=40)])
    for ind in indicators:
        definitions.rows.append([ind.code, ind.title, ind.theme or None, Unit.label_for(ind.unit),
                                 Frequency.label_for(ind.frequency), Polarity.label_for(ind.polarity),
                                 YearTotal.label_for(ind.year_total), ind.target, ind.tolerance,
                                 emails.get(ind.owner_id), "Yes" if ind.active else "No", ind.definition or None,
                                 ind.source or None])
    by_id = {ind.id: ind for ind in indicators}
    values = Table("Values", [
        Column("code", width=12), Column("period_start", "date", 12), Column("period", width=14),
        Column("value", "number", 12), Column("numerator", "number", 12), Column("denominator", "number", 12),
        Column("note", width=40), Column("commentary", width=60)])
    rows = session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id.in_(list(by_id)))
                           .order_by(IndicatorValue.indicator_id, IndicatorValue.period_start))
    order = {ind.id: n for n, ind in enumerate(indicators)}
    for row in sorted(rows, key=lambda r: (order[r.indicator_id], r.period_start)):
        ind = by_id[row.indicator_id]
        value = Percent(row.value) if ind.unit == Unit.PERCENT else row.value
        values.rows.append([ind.code, row.period_start, periods.label(ind.frequency, row.period_start), value,
                            row.numerator, row.denominator, row.note or None, row.commentary or None])
    return [definitions, values]


def programme_tables(session: Session) -> list[Table]:
    emails = _emails(session)
    workstreams = list(session.scalars(select(Workstream).order_by(Workstream.group, Workstream.position,
                                                                   Workstream.name)))
    names = {w.id: w.name for w in workstreams}
    ws = Table("Workstreams", [
        Column("Name", width=40), Column("Group", width=30), Column("Lead", width=28), Column("RAG", width=8),
        Column("Why this RAG", width=50), Column("Purpose", width=50), Column("Active", width=8)])
    for w in workstreams:
        ws.rows.append([w.name, w.group, emails.get(w.lead_id), Rag.label_for(w.rag), w.rag_reason or None,
                        w.purpose or None, "Yes" if w.active else "No"])
    actions = Table("Actions", [
        Column("Workstream", width=32), Column("Kind", width=10), Column("Title", width=50), Column("Owner", width=28),
        Column("Due", "date", 12), Column("Status", width=12), Column("Completed on", "date", 12),
        Column("Notes", width=50)])
    for a in session.scalars(select(Action).options(joinedload(Action.workstream))
                             .order_by(Action.workstream_id, Action.due_date, Action.id)):
        actions.rows.append([names.get(a.workstream_id), ActionKind.label_for(a.kind), a.title, emails.get(a.owner_id),
                             a.due_date, ActionStatus.label_for(a.status), a.completed_on, a.notes or None])
    risks = Table("Risks", [
        Column("Workstream", width=32), Column("Kind", width=8), Column("Description", width=50),
        Column("Likelihood", "number", 10), Column("Impact", "number", 10), Column("Score", "number", 8),
        Column("Mitigation", width=50), Column("Owner", width=28), Column("Open", width=8),
        Column("Closed on", "date", 12)])
    for r in session.scalars(select(Risk).order_by(Risk.workstream_id, Risk.id)):
        risks.rows.append([names.get(r.workstream_id), RiskKind.label_for(r.kind), r.description, r.likelihood,
                           r.impact, r.score, r.mitigation or None, emails.get(r.owner_id),
                           "Yes" if r.is_open else "No", r.closed_on])
    return [ws, actions, risks]


def export(session: Session, kind: str, fmt: str, *, filters=None, theme: str | None = None,
           sheet: str | None = None, on: date | None = None) -> tuple[bytes, str]:
    """(bytes, file name) of an export. CSV holds one sheet: the first, or the one named by ``sheet``."""
    if kind == "catalogue":
        tables = catalogue_tables(session, filters, on)
    elif kind == "indicators":
        tables = indicator_tables(session, theme)
    elif kind == "programme":
        tables = programme_tables(session)
    else:
        raise ValueError(kind)
    stamp = (on or clock.today()).isoformat()
    if fmt == "xlsx":
        return to_xlsx(tables), f"{kind}-{stamp}.xlsx"
    if fmt != "csv":
        raise ValueError(fmt)
    chosen = next((t for t in tables if sheet and t.name.lower() == sheet.lower()), None)
    if chosen is None:
        chosen = tables[-1] if kind == "indicators" else tables[0]
    return to_csv(chosen), f"{kind}-{chosen.name.lower()}-{stamp}.csv"


__all__ = ["KINDS", "Column", "Percent", "Table", "catalogue_tables", "export", "indicator_tables",
           "programme_tables", "to_csv", "to_xlsx"]
