"""The demo's indicator series: what each of the catalogue's measures did over the last two years.

Five are shaped by hand from council papers (see ``indicators``); the rest follow a "story" (where the
measure started, where it is now, how noisy it is month to month), drawn with a random generator
seeded per indicator, so two loads on the same day give the same figures, and a load a month later
moves the same story along by a month. Related measures agree: SEND6 is EHCP20 added up over the
financial year, SEND1 is the active EHC plans at each quarter's end, SEND3 is the month's requests
added up, tribunal cases upheld never exceed those considered.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ...models.enums import Frequency
from ..indicators import periods

#: The demo's random seed (the same as the rest of the demo), mixed with each indicator's code.
SEED = 2026

MONTHS, QUARTERS, YEARS = 24, 8, 5
LENGTH = {Frequency.MONTHLY: MONTHS, Frequency.QUARTERLY: QUARTERS, Frequency.ANNUAL: YEARS}

#: (period start, value, numerator, denominator)
Row = tuple[date, float, float | None, float | None]

# --- Hand-shaped series (from the seeds' council papers), oldest first ---------------------------

# (percent within 20 weeks, plans issued) per month: June 57%, July 45% as in a council's summer 2024 dashboard.
TWENTY_WEEKS = [
    (58, 41), (55, 38), (53, 45), (57, 47), (45, 53), (43, 58), (44, 61), (47, 55), (50, 52), (52, 49),
    (49, 57), (54, 50), (56, 48), (55, 51), (58, 46), (61, 44), (59, 49), (62, 47), (64, 45), (63, 52),
    (66, 50), (65, 46), (68, 44), (70, 47),
]
# Annual reviews actioned within 4 weeks of the meeting: (actioned in time, reviews completed).
ANNUAL_REVIEWS = [
    (1, 250), (2, 262), (4, 271), (6, 255), (9, 280), (12, 276), (15, 266), (19, 284), (23, 270), (28, 290),
    (32, 281), (37, 277), (42, 286), (47, 279), (52, 291), (57, 283), (62, 288), (67, 280), (72, 292),
    (77, 287), (82, 290), (86, 284), (91, 293), (96, 295),
]
# Closed within SLA, closed: the first eleven months are the council's April 2021 to February 2022 table.
COMPLAINTS = [
    (5, 5), (25, 35), (31, 39), (12, 17), (12, 26), (15, 29), (8, 40), (5, 27), (11, 93), (20, 53), (8, 13),
    (14, 21), (17, 24), (19, 26), (16, 22), (21, 27), (24, 30), (22, 27), (26, 31), (25, 29), (28, 32),
    (27, 30), (30, 33), (29, 31),
]
SLT_WEEKS = [75, 73, 72, 70, 66, 63, 60, 58, 55, 51, 48, 46, 43, 41, 38, 36, 33, 31, 29, 27, 25, 24, 22, 21]
ACTIVE_PLANS_LATEST = 3492
ACTIVE_PLANS_GROWTH = 0.017  # a month, on average; individual months vary


@dataclass(frozen=True)
class Story:
    """A measure's last two years in outline: from ``start`` to ``end`` with month-to-month ``noise``.

    Rates (``base`` set) draw a denominator around ``base`` growing by ``growth`` a period and a
    numerator from the rate. ``cumulative`` counts add each period's flow to the year so far and start
    again each April.
    """

    start: float
    end: float
    noise: float
    base: float | None = None
    growth: float = 0.0
    shape: str = "linear"  # linear | ease (slow, then faster, then slow) | early (most change first)
    cumulative: bool = False
    whole: bool = False  # a count: whole numbers only


STORIES: dict[str, Story] = {
    # EHC plans and caseload
    "SEND2": Story(52, 64, 7, cumulative=True, whole=True),
    "SEND4": Story(430, 541, 9, whole=True),
    # EHC needs assessment and plans
    "EHCP52": Story(14, 3.5, 0.8, base=0, shape="early"),
    "DEC6WK": Story(71, 92, 3, base=68, growth=0.008, shape="ease"),
    "REFUSAL": Story(26, 23, 2.5, base=68, growth=0.008),
    "CONVERT": Story(95, 93, 0.8, base=520, growth=0.06),
    # Annual reviews
    "AR12M": Story(48, 71, 2, base=2750, growth=0.012, shape="ease"),
    "SEND5": Story(24, 26, 1.6, base=2600, growth=0.04),
    "SEND9": Story(38, 66, 3, base=690, growth=0.02, shape="ease"),
    "SEND10": Story(36, 17, 1.8, base=2600, growth=0.04, shape="early"),
    # Complaints, mediation and tribunals
    "SEND7": Story(38, 33, 5, cumulative=True, whole=True),
    "SEND11": Story(11, 13, 2.5, cumulative=True, whole=True),
    "SEND12": Story(14, 15, 3, cumulative=True, whole=True),
    "SEND13": Story(8, 11, 2, cumulative=True, whole=True),
    "TRIB": Story(2.0, 3.4, 0.15, base=4100, growth=0.07),
    "MED2TRIB": Story(27, 24, 1.5, base=44, growth=0.05),
    "LGSCO": Story(86, 71, 6, base=6, growth=0.1),
    # Preparation for adulthood
    "NEET": Story(7.8, 5.4, 0.3, base=560, growth=0.03),
    # Health waiting times
    "CHS18WK_SLT": Story(58, 31, 2.2, base=900, growth=-0.015, shape="ease"),
    "CHS18WK_OT": Story(44, 33, 2.5, base=400, growth=-0.004),
    "CHS18WK_PAED": Story(61, 57, 2.2, base=1100, growth=0.008),
    "CHS18WK_AUD": Story(22, 14, 1.8, base=260, growth=0.003, shape="early"),
    "AUTISM13": Story(86, 79, 1.5, base=1600, growth=0.011),
}


def rng_for(code: str) -> random.Random:
    """The same numbers for the same indicator on every load (a string seed is hashed the same everywhere)."""
    return random.Random(f"{SEED}:{code}")


def periods_to(frequency: str, today: date, count: int | None = None) -> list[date]:
    """The ``count`` periods ending with the last one that has ended, oldest first."""
    count = count or LENGTH[Frequency(frequency)]
    last = periods.due_period(frequency, today)
    return periods.consecutive(frequency, periods.shift(frequency, last, 1 - count), count)


def _progress(position: int, count: int, shape: str) -> float:
    t = position / (count - 1) if count > 1 else 1.0
    if shape == "ease":
        return t * t * (3 - 2 * t)
    if shape == "early":
        return 1 - (1 - t) ** 2
    return t


def _path(rng: random.Random, story: Story, count: int) -> list[float]:
    """The story's level each period, with noise that carries over a little (real months are not independent)."""
    levels, carried = [], 0.0
    for position in range(count):
        carried = 0.45 * carried + rng.gauss(0, story.noise)
        levels.append(story.start + (story.end - story.start) * _progress(position, count, story.shape) + carried)
    return levels


def _rates(rng: random.Random, story: Story, starts: list[date], bases: list[int] | None = None) -> list[Row]:
    rows = []
    for i, (start, level) in enumerate(zip(starts, _path(rng, story, len(starts)), strict=True)):
        base = bases[i] if bases else story.base * (1 + story.growth) ** i
        denominator = max(3, round(base * (1 + rng.uniform(-0.1, 0.1)))) if not bases else base
        numerator = min(denominator, max(0, round(denominator * min(max(level, 0.2), 99.8) / 100)))
        rows.append((start, numerator / denominator * 100, numerator, denominator))
    return rows


def _counts(rng: random.Random, story: Story, frequency: str, starts: list[date]) -> list[Row]:
    flows = [max(0.0, level) for level in _path(rng, story, len(starts))]
    if story.whole:
        flows = [float(round(f)) for f in flows]
    if not story.cumulative:
        return [(s, f, None, None) for s, f in zip(starts, flows, strict=True)]
    # The series starts part-way through a year: that year's earlier periods had flows like the first one.
    earlier = len(periods.between(frequency, periods.financial_year_start(starts[0]), starts[0])) - 1
    rows, year, so_far = [], periods.financial_year_start(starts[0]), flows[0] * earlier
    for start, flow in zip(starts, flows, strict=True):
        fy = periods.financial_year_start(start)
        so_far = flow if fy != year else so_far + flow
        year = fy
        rows.append((start, so_far, None, None))
    return rows


# --- Series that follow from others ---------------------------------------------------------------


def twenty_weeks(months: list[date]) -> list[Row]:
    rows = []
    for start, (percent, issued) in zip(months, TWENTY_WEEKS, strict=True):
        within = round(issued * percent / 100)
        rows.append((start, within / issued * 100, within, issued))
    return rows


def cumulative_quarters(monthly: list[Row], quarters: list[date]) -> list[Row]:
    """A rate cumulative over the financial year, per quarter: April to the quarter's end, added up.

    The months start part-way through a year: that year's earlier months count like the first one.
    """
    first = monthly[0]
    earlier = periods.between(Frequency.MONTHLY, periods.financial_year_start(first[0]), first[0])[:-1]
    monthly = [(month, first[1], first[2], first[3]) for month in earlier] + monthly
    rows = []
    for quarter in quarters:
        end = periods.period_end(Frequency.QUARTERLY, quarter)
        fy = periods.financial_year_start(quarter)
        so_far = [m for m in monthly if fy <= m[0] <= end]
        if not so_far:
            continue
        within, issued = sum(m[2] for m in so_far), sum(m[3] for m in so_far)
        rows.append((quarter, within / issued * 100, within, issued))
    return rows


def active_plans(today: date, first: date) -> dict[date, int]:
    """Active EHC plans at each month's end from ``first`` to last month: 3,492 now, growing about 1.7% a
    month with real variation (some months 0.5%, some 3%)."""
    rng = rng_for("EHCP_ACTIVE")
    months = periods.between(Frequency.MONTHLY, first, periods.due_period(Frequency.MONTHLY, today))
    values, plans = {}, float(ACTIVE_PLANS_LATEST)
    for month in reversed(months):
        values[month] = round(plans)
        plans /= 1 + max(0.002, rng.gauss(ACTIVE_PLANS_GROWTH, 0.007))
    return values


def requests_by_month(today: date) -> dict[date, int]:
    """Initial requests for an EHC needs assessment each month for three years to last month: rising, fewer
    in August and December. REQUESTS shows the months and SEND3 adds them up by quarter, so they agree."""
    rng = rng_for("REQUESTS")
    months = periods_to(Frequency.MONTHLY, today, 36)
    quieter = {8: 0.72, 12: 0.85}
    return {m: round((60 + 0.9 * i) * quieter.get(m.month, 1.0) * rng.uniform(0.86, 1.14))
            for i, m in enumerate(months)}


def _sum_months(by_month: dict[date, int], quarter: date) -> int:
    end = periods.period_end(Frequency.QUARTERLY, quarter)
    return sum(v for m, v in by_month.items() if quarter <= m <= end)


def series(code: str, frequency: str, today: date) -> list[Row]:
    """(period start, value, numerator, denominator) for one demo indicator, oldest first; [] if it has none."""
    starts = periods_to(frequency, today)
    months = periods_to(Frequency.MONTHLY, today)
    rng = rng_for(code)
    made: dict[str, Callable[[], list[Row]]] = {
        "EHCP20": lambda: twenty_weeks(months),
        "SEND6": lambda: cumulative_quarters(twenty_weeks(months), starts),
        "EHCP20I": lambda: _including_exceptions(rng, twenty_weeks(months)),
        "EHCP52": lambda: _rates(rng, STORIES["EHCP52"], months, [d for *_, d in twenty_weeks(months)]),
        "AR4WK": lambda: _annual_reviews(rng, months),
        "COMPLAINTS": lambda: [(s, n / d * 100, n, d) for s, (n, d) in zip(months, COMPLAINTS, strict=True)],
        "SLTWAIT": lambda: _therapy_waits(rng, months),
        "EHCP_ACTIVE": lambda: [(m, float(v), None, None) for m, v in active_plans(today, months[0]).items()],
        "SEND1": lambda: _quarter_end_plans(today, starts),
        "EHCPS": lambda: _january_plans(today, starts),
        "REQUESTS": lambda: [(m, float(v), None, None) for m, v in requests_by_month(today).items() if m in months],
        "SEND3": lambda: [(q, float(_sum_months(requests_by_month(today), q)), None, None) for q in starts],
        "SEND8": lambda: _response_days(rng, starts),
        "SEND14": lambda: _upheld(rng, series("SEND13", frequency, today)),
    }
    if code in made:
        return sorted(made[code](), key=lambda row: row[0])
    story = STORIES.get(code)
    if story is None:
        return []
    return _rates(rng, story, starts) if story.base is not None else _counts(rng, story, frequency, starts)


def _annual_reviews(rng: random.Random, months: list[date]) -> list[Row]:
    """AR4WK: the seed's climb from 0.4% to 96 of 295, with the ups and downs of real months between."""
    rows = []
    for i, (start, (within, reviews)) in enumerate(zip(months, ANNUAL_REVIEWS, strict=True)):
        if 0 < i < len(months) - 1:
            within = max(0, within + round(rng.gauss(0, 1.2 + within * 0.06)))
        rows.append((start, within / reviews * 100, within, reviews))
    return rows


def _therapy_waits(rng: random.Random, months: list[date]) -> list[Row]:
    """SLTWAIT: the seed's fall from 75 weeks to 22 then 21, a week or two either way in the months between."""
    fixed = (0, len(months) - 2, len(months) - 1)
    return [(start, float(weeks if i in fixed else max(1, weeks + round(rng.gauss(0, 1.3)))),
             None, None)
            for i, (start, weeks) in enumerate(zip(months, SLT_WEEKS, strict=True))]


def _including_exceptions(rng: random.Random, excluding: list[Row]) -> list[Row]:
    """EHCP20 with the exception cases added back: a few more plans a month, few of them in time."""
    rows = []
    for start, _value, within, issued in excluding:
        extra = rng.randint(2, 7)
        extra_within = rng.randint(0, max(0, extra // 3))
        rows.append((start, (within + extra_within) / (issued + extra) * 100, within + extra_within, issued + extra))
    return rows


def _quarter_end_plans(today: date, quarters: list[date]) -> list[Row]:
    plans = active_plans(today, periods.shift(Frequency.MONTHLY, quarters[0], -1))
    rows = []
    for quarter in quarters:
        last_month = periods.period_start(Frequency.MONTHLY, periods.period_end(Frequency.QUARTERLY, quarter))
        if last_month in plans:
            rows.append((quarter, float(plans[last_month]), None, None))
    return rows


def _january_plans(today: date, years: list[date]) -> list[Row]:
    """Active plans at each financial year's January census (the year 2025-26 counts January 2026)."""
    first_january = date(years[0].year + 1, 1, 1)
    plans = active_plans(today, first_january)
    rows = []
    for year in years:
        january = date(year.year + 1, 1, 1)
        if january in plans:
            rows.append((year, float(plans[january]), None, None))
    return rows


def _response_days(rng: random.Random, quarters: list[date]) -> list[Row]:
    """SEND8, cumulative over the year: working days taken over complaints answered, April to date."""
    rows, year, days, answered = [], None, 0, 0
    for i, quarter in enumerate(quarters):
        fy = periods.financial_year_start(quarter)
        if fy != year:
            year, days, answered = fy, 0, 0
        count = rng.randint(24, 38)
        average = 31 - 14 * _progress(i, len(quarters), "ease") + rng.gauss(0, 1.5)
        days += round(count * average)
        answered += count
        rows.append((quarter, days / answered, float(days), float(answered)))
    return rows


def _upheld(rng: random.Random, considered: list[Row]) -> list[Row]:
    """SEND14: cases upheld, never more than those considered (both cumulative over the year)."""
    rows, year, upheld, previous = [], None, 0, 0.0
    for start, so_far, _n, _d in considered:
        fy = periods.financial_year_start(start)
        if fy != year:
            year, upheld, previous = fy, 0, 0.0
        new_cases = int(so_far - previous)
        upheld += sum(rng.random() < 0.82 for _ in range(new_cases))
        previous = so_far
        rows.append((start, float(upheld), None, None))
    return rows
