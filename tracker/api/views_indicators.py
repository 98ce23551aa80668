"""Indicators: list, get with the series and figures, put the value of a period."""

from datetime import date

from flask import g, request
from spectree import Response

from ..access import READERS, STAFF
from ..extensions import db
from ..models import Indicator
from ..services import clock, indicators
from ..services.indicators import periods
from . import ApiProblem, api_allow, bp, schemas, validate


def brief(summary) -> dict:
    ind = summary.indicator
    return {"id": ind.id, "code": ind.code, "title": ind.title, "theme": ind.theme, "unit": ind.unit,
            "frequency": ind.frequency, "polarity": ind.polarity, "target": ind.target,
            "latest_period": summary.latest_period, "latest_value": summary.latest_value,
            "latest_text": summary.latest_text, "rag": summary.rag or None}


def load_indicator(indicator_id: int) -> Indicator:
    indicator = db.session.get(Indicator, indicator_id)
    if indicator is None:
        raise ApiProblem(404, "Not Found", f"There is no indicator {indicator_id}")
    return indicator


@bp.get("/indicators")
@api_allow(READERS)
@validate(query=schemas.IndicatorQuery, resp=Response(HTTP_200=schemas.IndicatorList, HTTP_401=schemas.Problem,
                                                       HTTP_403=schemas.Problem, HTTP_422=schemas.Problem))
def list_indicators():
    """Active indicators with their latest figures, as on the indicators page."""
    view = indicators.overview(db.session, clock.today(), theme=request.context.query.theme)
    return schemas.IndicatorList.model_validate({"indicators": [brief(s) for group in view.groups for s in group.summaries]})


def detail_json(indicator: Indicator) -> dict:
    found = indicators.detail(db.session, indicator, clock.today())
    summary = found.summary
    series = sorted(found.values, key=lambda row: row.value.period_start)
    return {**brief(summary), "definition": indicator.definition, "year_total": indicator.year_total,
            "year_to_date": summary.ytd.value if summary.ytd else None, "change_text": summary.change_text,
            "series": [{"period_start": r.value.period_start, "period": r.label, "value": r.value.value,
                        "numerator": r.value.numerator, "denominator": r.value.denominator, "note": r.value.note,
                        "commentary": r.value.commentary, "version": r.value.version} for r in series],
            "benchmarks": [{"kind": b.kind, "period_label": b.period_label, "value": b.value}
                           for b in found.benchmarks]}


@bp.get("/indicators/<int(min=0, max=2147483647):indicator_id>")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.IndicatorDetail, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem,
                        HTTP_404=schemas.Problem))
def get_indicator(indicator_id: int):
    """One indicator with every value, its benchmarks and its figures (latest, change, RAG, year to date)."""
    return schemas.IndicatorDetail.model_validate(detail_json(load_indicator(indicator_id)))


@bp.put("/indicators/<int(min=0, max=2147483647):indicator_id>/values/<period>")
@api_allow(STAFF, write=True)
@validate(json=schemas.ValueIn, resp=Response(
    HTTP_200=schemas.IndicatorDetail, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem, HTTP_404=schemas.Problem,
    HTTP_409=schemas.Problem, HTTP_422=schemas.Problem))
def put_value(indicator_id: int, period: str):
    """Set the value of one period, named by its first day (2024-04-01) or any day in it."""
    indicator = load_indicator(indicator_id)
    try:
        day = date.fromisoformat(period)
    except ValueError:
        raise ApiProblem(422, "The request is not valid", f"{period} is not a date like 2024-04-01",
                         [{"field": "period", "message": "not a date"}]) from None
    body = request.context.json
    entry = indicators.ValueEntry(periods.period_start(indicator.frequency, day), body.value, body.numerator,
                                  body.denominator, body.note, body.commentary, body.version)
    indicators.enter_value(db.session, g.api_user, indicator, entry, clock.today())
    db.session.commit()
    return schemas.IndicatorDetail.model_validate(detail_json(indicator))


