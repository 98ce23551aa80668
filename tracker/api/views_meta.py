"""The readiness summary, and the API's description of itself: the OpenAPI document and readable docs."""

from flask import render_template, request
from spectree import Response

from ..access import READERS
from ..extensions import db
from ..models import utcnow
from ..services import clock, readiness
from . import PROBLEM, api_allow, bp, problem, schemas, spec, validate


@bp.get("/readiness")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.Readiness, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem))
def get_readiness():
    """The board's readiness summary: items per status and the percentage ready, computed as on the board page."""
    summary = readiness.board_summary(db.session, clock.today())
    counts = summary.counts
    return schemas.Readiness.model_validate({"on": summary.on, "total": counts.total, "done": counts.done, "readiness": counts.readiness,
            "readiness_text": counts.readiness_text,
            "statuses": [{"status": row.status.value, "label": row.label, "count": row.count} for row in counts.rows],
            "open_risks": summary.open_risks, "high_risk_items": [row.ref for row in summary.high_risk],
            "generated_at": utcnow()})


def openapi_document() -> dict:
    """spectree's document, with errors described as what they are: problem details, and throttling."""
    import copy

    document = copy.deepcopy(spec.spec)
    document["servers"] = [{"url": "/"}]
    for path, methods in document["paths"].items():
        for operation in methods.values():
            responses = operation["responses"]
            for code, answer in responses.items():
                if code.startswith(("4", "5")) and "application/json" in answer.get("content", {}):
                    answer["content"] = {PROBLEM: answer["content"]["application/json"]}
            if path not in ("/api/v1/openapi.json", "/api/v1/docs"):
                problem_schema = next(iter(responses["401"]["content"].values()))
                responses["429"] = {"description": "Too many requests with this token: wait and try again",
                                    "content": {PROBLEM: problem_schema}}
                responses.setdefault("400", {"description": "The request could not be read (for example a NUL "
                                                            "character)", "content": {PROBLEM: problem_schema}})
                responses.setdefault("404", {"description": "No such resource",
                                             "content": {PROBLEM: problem_schema}})
    return document


@bp.get("/openapi.json")
@api_allow(())
def openapi():
    """The OpenAPI 3.1 document of this API (generated from the code)."""
    return openapi_document()


@bp.get("/docs")
@api_allow(())
def docs():
    """The API described for people: every operation, its parameters and answers."""
    document = openapi_document()
    operations = [(path, method.upper(), op) for path, methods in document["paths"].items()
                  for method, op in methods.items()]
    return render_template("api/docs.html", title="API documentation", document=document, operations=operations)



@bp.after_app_request
def _no_html_under_the_api(response):
    """Answers the app gives before the API sees a request (no route matched: an id too large to exist;
    a NUL in the query) are HTML pages; under /api/v1 they become problem details."""
    if request.path.startswith("/api/v1/") and response.status_code >= 400 and response.mimetype == "text/html":
        from http import HTTPStatus

        code = response.status_code
        return problem(code, HTTPStatus(code).phrase, "See /api/v1/docs" if code == 404 else "")
    return response
