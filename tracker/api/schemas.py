"""The API's request and response shapes (pydantic): the OpenAPI document is generated from these."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models.enums import ActionStatus, EvidenceStatus

StatusValue = Literal[tuple(EvidenceStatus.values())]  # type: ignore[valid-type]
ActionStatusValue = Literal[tuple(ActionStatus.values())]  # type: ignore[valid-type]


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict] = Field(default_factory=list)


class Links(BaseModel):
    self: str
    first: str
    last: str
    next: str | None = None
    prev: str | None = None


class PageQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=200)


class ItemQuery(PageQuery):
    status: list[StatusValue] = Field(default_factory=list)
    section: str | None = Field(None, max_length=120)
    owner: int | None = Field(None, ge=1, le=2_147_483_647)
    partner: str | None = Field(None, max_length=30)
    overdue: bool = False
    q: str = Field("", max_length=200)


class Person(BaseModel):
    id: int
    name: str


class Item(BaseModel):
    id: int
    ref: str
    title: str
    section: str
    partner: str
    status: str
    status_label: str
    owner: Person | None
    due_date: date | None
    last_reviewed_on: date | None
    overdue_for_review: bool
    restricted: bool
    notes: str
    version: int


class ItemPage(BaseModel):
    items: list[Item]
    total: int
    page: int
    per_page: int
    links: Links


class StatusChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StatusValue
    reason: str = Field(min_length=1, max_length=5000)
    version: int | None = Field(None, ge=0, le=2_147_483_647, description="The item version you read: a newer save refuses yours")


class IndicatorBrief(BaseModel):
    id: int
    code: str
    title: str
    theme: str
    unit: str
    frequency: str
    polarity: str
    target: float | None
    latest_period: date | None
    latest_value: float | None
    latest_text: str
    rag: str | None


class IndicatorList(BaseModel):
    indicators: list[IndicatorBrief]


class IndicatorQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    theme: str | None = Field(None, max_length=120)


class SeriesPoint(BaseModel):
    period_start: date
    period: str
    value: float
    numerator: float | None
    denominator: float | None
    note: str
    commentary: str
    version: int


class Benchmark(BaseModel):
    kind: str
    period_label: str
    value: float


class IndicatorDetail(IndicatorBrief):
    definition: str
    year_total: str
    year_to_date: float | None
    change_text: str
    series: list[SeriesPoint]
    benchmarks: list[Benchmark]


class ValueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float | None = Field(None, ge=-1e12, le=1e12)
    numerator: float | None = Field(None, ge=-1e12, le=1e12)
    denominator: float | None = Field(None, ge=-1e12, le=1e12)
    note: str = Field("", max_length=2000)
    commentary: str = Field("", max_length=5000)
    version: int | None = Field(None, ge=0, le=2_147_483_647, description="0 when the period had no value")


class Action(BaseModel):
    id: int
    workstream_id: int
    kind: str
    title: str
    owner: Person | None
    due_date: date | None
    status: str
    rag: str
    completed_on: date | None
    version: int


class ActionStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: ActionStatusValue
    completed_on: date | None = None
    version: int | None = Field(None, ge=0, le=2_147_483_647)


class Workstream(BaseModel):
    id: int
    name: str
    group: str
    lead: Person | None
    rag: str
    rag_reason: str
    active: bool


class WorkstreamDetail(Workstream):
    purpose: str
    actions: list[Action]


class WorkstreamList(BaseModel):
    workstreams: list[Workstream]


class Risk(BaseModel):
    id: int
    workstream_id: int
    kind: str
    description: str
    likelihood: int
    impact: int
    score: int
    mitigation: str
    owner: Person | None
    is_open: bool


class RiskList(BaseModel):
    risks: list[Risk]


class StatusCount(BaseModel):
    status: str
    label: str
    count: int


class Readiness(BaseModel):
    on: date
    total: int
    done: int
    readiness: float | None
    readiness_text: str
    statuses: list[StatusCount]
    open_risks: int
    high_risk_items: list[str]
    generated_at: datetime
