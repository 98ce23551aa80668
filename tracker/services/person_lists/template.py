"""The area SEND data template's two person-level lists: their columns and the codes their cells take.

The column headings are those the open validator written by local authority analysts expects
(data-to-insight/annex-a-sen-validator-be, ``sen_validator/config.py``), in its order and spelling,
including the en dash (–) in the establishment headings. The validator reads every string upper-cased,
so codes here are matched without regard to case.

The code lists come from the DfE's common basic data set, which the template's drop-downs follow:
the school census ethnicity and SEN type-of-need codes, the CBDS gender codes, and the phases of
education used by Get Information About Schools. The establishment-phase list in particular could not
be checked against the template's own drop-down: edit ``PHASES`` if the template's wording differs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str  # our name in code
    heading: str  # exactly as the template writes it


COLUMNS = {
    column.key: column
    for column in (
        Column("unique_id", "Unique ID"),
        Column("upn", "UPN"),
        Column("uln", "ULN"),
        Column("dob", "Date of birth"),
        Column("gender", "Gender"),
        Column("ethnicity", "Ethnicity"),
        Column("plan_initial", "Date initial EHC plan issued"),
        Column("plan_updated", "Date updated EHC plan issued"),
        Column("plan_reviewed", "Date EHC plan last reviewed"),
        Column("need", "SEN primary need"),
        Column("main_urn", "Main education establishment – URN"),
        Column("main_phase", "Main education establishment – phase"),
        Column("subsidiary_phase", "Subsidiary education establishment – phase (dual registration)"),
        Column("home_educated", "Elective home education"),
        Column("suspensions", "Suspensions"),
        Column("exclusions", "Permanent exclusions"),
        Column("absence", "Absence"),
        Column("pupil_premium", "Pupil Premium"),
        Column("csc_known", "Known to children's social care?"),
        Column("csc_team", "Which children's social care team?"),
        Column("disability", "Does the child or young person have a disability?"),
    )
}

#: Which columns each list has, in the template's order. List 2 has no plan dates and no elective
#: home education column.
LIST_COLUMNS: dict[int, tuple[str, ...]] = {
    1: tuple(COLUMNS),
    2: tuple(key for key in COLUMNS
             if key not in {"plan_initial", "plan_updated", "plan_reviewed", "home_educated"}),
}

LIST_NAMES = {
    1: "List 1: children and young people with an EHC plan",
    2: "List 2: children and young people receiving SEN support",
}

DATE_COLUMNS = ("dob", "plan_initial", "plan_updated", "plan_reviewed")
YES_NO_COLUMNS = ("home_educated", "pupil_premium", "csc_known", "disability")
PHASE_COLUMNS = ("main_phase", "subsidiary_phase")
COUNT_COLUMNS = ("suspensions", "exclusions")

# Each code list: code -> label. A cell may hold either, in any case.
GENDERS = {"M": "Male", "F": "Female", "U": "Not known"}

ETHNICITIES = {
    "WBRI": "White - British",
    "WIRI": "White - Irish",
    "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other White background",
    "WROM": "Gypsy/Roma",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black - African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

NEEDS = {
    "SPLD": "Specific learning difficulty",
    "MLD": "Moderate learning difficulty",
    "SLD": "Severe learning difficulty",
    "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment",
    "VI": "Vision impairment",
    "MSI": "Multi-sensory impairment",
    "PD": "Physical disability",
    "ASD": "Autistic spectrum disorder",
    "OTH": "Other difficulty or disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}
#: Only a child on SEN support can have a need not yet assessed: an EHC plan follows an assessment.
NEEDS_NEEDING_ASSESSMENT = {"NSA"}

#: Get Information About Schools' phases of education, by their GIAS codes, and the settings a
#: 0-25 list also names (a young person in college or alternative provision), which have no GIAS code.
PHASES = {
    "0": "Not applicable",
    "1": "Nursery",
    "2": "Primary",
    "3": "Middle deemed primary",
    "4": "Secondary",
    "5": "Middle deemed secondary",
    "6": "16 plus",
    "7": "All-through",
}
OTHER_PHASES = ("Early years", "Post-16", "Further education", "Alternative provision")

YES_NO = {"Y": "Yes", "N": "No"}


def accepted(codes: dict[str, str], *labels: str) -> frozenset[str]:
    """Every spelling a cell may use for a code list, upper-cased: the codes, their labels, other labels."""
    return frozenset(text.upper() for text in (*codes, *codes.values(), *labels))


def described(codes: dict[str, str], *labels: str) -> str:
    """'M (Male), F (Female) or U (Not known)': how a message tells the allowed codes."""
    parts = [f"{code} ({label})" for code, label in codes.items()] + list(labels)
    return ", ".join(parts[:-1]) + " or " + parts[-1] if len(parts) > 1 else parts[0]
