"""Demo programme: the seed's improvement groups and DBV projects as workstreams, with actions,
milestones, RAG histories and risks dated around ``today``. Deterministic: the same day gives the same data.

Content from the October 2024 "SEND Improvement Update" slides (seed 004): the three groups' improvement
focus, the Delivering Better Value status table, "Actions for October / November" and the risks named there.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from ...models import LINK_TABLES, Action, Comment, EvidenceItem, RagChange, Risk, User, Workstream
from ...models.enums import Role

# A RAG history is (days ago, RAG, reason), oldest first; the last entry is the current status.
# An action is (title, kind, due in days from today, status, owner key, notes); done ones finish on their due day.
# A risk is (kind, description, likelihood, impact, mitigation, open).


@dataclass(frozen=True)
class DemoWorkstream:
    name: str
    group: str
    lead: str  # key of a demo person (tracker.services.demo.users)
    purpose: str
    history: tuple[tuple[int, str, str], ...]
    actions: tuple[tuple[str, str, int, str, int, str], ...] = ()
    risks: tuple[tuple[str, str, int, int, str, bool], ...] = ()


SIG, COPRO, JCG, DBV = "SEND Improvement Group", "Co-production Group", "Joint Commissioning Group", "Delivering Better Value"

WORKSTREAMS: tuple[DemoWorkstream, ...] = (
    DemoWorkstream(
        "Timeliness and quality of EHCPs", SIG, "head_send",
        "Issue education, health and care plans within 20 weeks, and make them good enough to rely on.",
        ((150, "red", "20-week compliance at 43% for the year; backlog over 240 cases."),
         (75, "amber", "Backlog down from 240+ to 38 cases; September running at 70% within 20 weeks."),),
        (("Weekly EHCP dashboard with Business Intelligence", "milestone", -90, "done", "head_send",
          "Real-time monitoring of performance and blockages, to the day."),
         ("Clear the EHC needs assessment backlog", "action", 21, "in_progress", "head_send",
          "38 cases left: 21 have draft plans, 17 wait on a school place."),
         ("Year-end average of 60% of plans issued within 20 weeks", "milestone", 160, "in_progress", "head_send", ""),
         ("Multi-agency audit of EHC plan quality", "action", -12, "in_progress", "inclusion",
          "Sample of 20 plans with health and social care auditors."),
         ("SMART outcomes training for plan writers", "action", 10, "not_started", "inclusion", "")),
        (("risk", "Too few special school places delays naming a placement in final plans", 4, 4,
          "Weekly sufficiency meetings with head teachers and estates; new places at Presfield and Freshfield.",
          True),),
    ),
    DemoWorkstream(
        "Health therapy waiting times", SIG, "dco",
        "Bring down waits for speech and language therapy, dietetics, CAMHS and the ASD and ADHD pathways.",
        ((120, "amber", "Waits long but stable; no 52-week breaches expected."),
         (40, "red", "ASD longest wait 155 weeks and CAMHS referral-to-help under 6 weeks down to 49.7%."),),
        (("Promote waiting well and community services on the Local Offer", "action", -45, "done", "dco", ""),
         ("Retraining and skill-sharing plan to cover therapy vacancies", "action", -5, "in_progress", "dco",
          "National recruitment issues mean posts stay vacant."),
         ("Review every ASD and ADHD waiter over 104 weeks", "milestone", 30, "in_progress", "dco", "")),
        (("issue", "National shortage of speech and language therapists", 5, 4,
          "Retraining and skill sharing; team around the school offers support while children wait.", True),),
    ),
    DemoWorkstream(
        "SEND complaints handling", SIG, "performance",
        "A clear policy for handling SEND complaints, with answers on time and lessons fed back.",
        ((100, "amber", "Complaints closed within timescale below target; policy out of date."),),
        (("Publish the SEND complaints policy and feedback process", "milestone", 12, "not_started", "performance", ""),
         ("Quarterly report of complaint themes to the board", "action", 40, "not_started", "performance", "")),
    ),
    DemoWorkstream(
        "Quality of the SEND service", SIG, "manager",
        "Leadership, staffing and strategy that give the SEND service capacity to improve.",
        ((200, "red", "Head of SEND post vacant; staff acting up carry service delivery."),
         (110, "amber", "AD for Education Excellence in post from 1 August; interim Head of SEND recruited."),),
        (("Appoint a permanent Head of SEND and Inclusion", "milestone", 50, "in_progress", "manager", ""),
         ("SEND strategy consultation and engagement", "action", -8, "in_progress", "manager",
          "Co-produced with head teachers, families, young people and partners."),
         ("Final draft of the SEND strategy", "milestone", 25, "not_started", "manager", ""),
         ("SEF finalised with gap analysis and action plan for the November board", "milestone", 6,
          "in_progress", "head_send", "")),
    ),
    DemoWorkstream(
        "SEND performance data", SIG, "performance",
        "Clear and accurate performance data across the local area, shared between the council and health.",
        ((90, "green", "Weekly EHCP dashboard live; monthly SEND scorecard reported to the board."),),
        (("Data-sharing agreement between the council and health partners", "action", 35, "not_started", "performance", ""),),
    ),
    DemoWorkstream(
        "SEND-related children's social care services", SIG, "social_care",
        "Social care advice for EHC needs assessments on time, and joined-up work with social care.",
        ((60, "amber", "86% of social care advice within 6 weeks; aiming for 95%."),),
        (("Social care advice tracker shared with the SEND team", "action", -20, "done", "social_care", ""),),
    ),
    DemoWorkstream(
        "High Needs Block deficit", SIG, "commissioning",
        "Reduce the High Needs Block deficit by creating local places instead of costly out-of-borough ones.",
        ((130, "red", "269 children in out-of-borough special places at over £58,000 each."),
         (20, "red", "Sufficiency plan predicts 300 new places needed in 3 years; funding not yet agreed."),),
        (("Weekly finance meetings", "milestone", -100, "done", "commissioning", ""),
         ("Financial modelling of mainstream school banding for SEND funding", "action", 9, "not_started", "commissioning", ""),
         ("Finalise the sufficiency plan and proposals for new places", "milestone", -3, "in_progress", "head_send",
          "Modular classroom at Bedford Primary approved: 12 places."),
         ("Expressions of interest for 3 secondary SEN units", "action", 45, "not_started", "head_send", "")),
        (("risk", "Capital funding for new specialist places is not agreed in time", 3, 5,
          "Extend existing assets first; bid to the DfE capital programme.", True),),
    ),
    DemoWorkstream(
        "SEND communications strategy and plan", COPRO, "pcf",
        "Tell families what is happening and where to find help, in the ways they told us they prefer.",
        ((45, "amber", "Parent carer survey 2024 showed gaps in communication and signposting."),),
        (("Parent carer workshops on preferred ways of communicating", "action", -30, "done", "pcf", ""),
         ("First edition of the termly newsletter", "milestone", 4, "in_progress", "pcf", ""),
         ("Communications strategy agreed by the Co-production Group", "milestone", 55, "not_started", "pcf", "")),
    ),
    DemoWorkstream(
        "Co-production charter", COPRO, "pcf",
        "A local area co-production charter with the Parent Carer Forum, used by every service.",
        ((160, "amber", "Charter drafted with the Parent Carer Forum."),
         (50, "green", "Charter finalised, signed off and shared with partners."),),
        (("Launch the charter at the Local Offer Live event", "milestone", -25, "done", "pcf", ""),
         ("Train-the-trainer roll-out of the co-production toolkit", "action", 28, "in_progress", "pcf", "")),
    ),
    DemoWorkstream(
        "Local Offer user experience", COPRO, "performance",
        "A Local Offer that families can find their way around, with news and events kept current.",
        ((70, "amber", "Focus groups found the Local Offer hard to navigate."),),
        (("Local Offer Live event, Southport", "milestone", 16, "in_progress", "performance", "Over 60 tables confirmed."),
         ("Local Offer news page", "action", -2, "not_started", "performance", "")),
    ),
    DemoWorkstream(
        "Parent carer satisfaction", COPRO, "pcf",
        "Raise parent carer satisfaction by acting on what the survey and the Parent Carer Forum tell us.",
        ((30, "amber", "Survey satisfaction flat; Forum reps have less time to attend meetings."),),
        (("Move Forum meetings off Thursdays", "action", -14, "done", "pcf",
          "Reps now work on Thursdays; meetings moved to Tuesdays."),),
        (("risk", "Parent Carer Forum capacity to take part is limited", 3, 3,
          "Meetings moved off Thursdays; papers shared a week ahead.", True),),
    ),
    DemoWorkstream(
        "Short breaks service", JCG, "commissioning",
        "Review and recommission short breaks with families.",
        ((140, "amber", "Short breaks review planned for the autumn."),
         (35, "red", "Review delayed: capacity diverted to the SEND strategy; restarts in January."),),
        (("Short breaks review", "action", -10, "blocked", "commissioning", "Waiting for capacity; revised start in January."),
         ("Short breaks consultation with families", "milestone", 75, "not_started", "commissioning", "")),
        (("issue", "Short breaks review delayed: capacity diverted to SEND strategy", 5, 3,
          "Revised timeline with the review starting in January.", True),),
    ),
    DemoWorkstream(
        "Joint commissioning action plan", JCG, "commissioning",
        "One action plan for what the council and the ICB commission together.",
        ((80, "amber", "Plan drafted; alternative provision work underway."),),
        (("Alternative provision register and quality assurance framework", "action", 13, "in_progress", "commissioning", ""),
         ("Joint commissioning action plan agreed at the board", "milestone", -6, "not_started", "commissioning", "")),
    ),
    DemoWorkstream(
        "SEND outcomes framework", JCG, "dco",
        "An outcomes framework that shows what difference services make for children and young people.",
        ((55, "amber", "First draft with health partners; measures not yet agreed."),),
        (("Agree outcome measures with health partners", "action", 33, "in_progress", "dco", ""),),
    ),
    DemoWorkstream(
        "Pathway to a 0-25 SEND offer", JCG, "social_care",
        "A joined-up offer from birth to 25, including preparing for adulthood.",
        ((65, "green", "Preparing for Adulthood conference booked; pathway mapping on track."),),
        (("Preparing for Adulthood conference", "milestone", -18, "done", "social_care", ""),),
    ),
    DemoWorkstream(
        "Inclusion Service Capacity", DBV, "inclusion",
        "Seconded SENCOs add capacity to the inclusion service and develop the graduated approach.",
        ((95, "green", "SENCOs in place April to July 2024; working on GA and toolkit development."),),
        (("SENCO secondment April to July", "milestone", -80, "done", "inclusion", ""),
         ("SEMH outreach hub meeting", "milestone", -40, "done", "inclusion", ""),
         ("DBV progress report to the DfE", "milestone", 11, "in_progress", "head_send", "")),
        (("risk", "Potential changes to SENCO secondment", 3, 3, "Managed from existing capacity.", True),),
    ),
    DemoWorkstream(
        "Early Years SEND Capacity", DBV, "inclusion",
        "Early years SEND staff working in settings and schools.",
        ((90, "green", "All staff in place and working in settings and schools."),),
        (("All early years SEND staff in post", "milestone", -70, "done", "inclusion", ""),
         ("Continued meetings with settings", "action", 20, "in_progress", "inclusion", "")),
        (("risk", "Early years demand up from 500 to 900 children needing support", 4, 3,
          "Captured in the sufficiency plan.", True),),
    ),
    DemoWorkstream(
        "Educational Psychology", DBV, "inclusion",
        "A wider educational psychology offer: EBSA guidance, ELSA training and an assistant EP.",
        ((100, "green", "EBSA guidance published; ELSA training running."),
         (25, "amber", "Changes in EP delivery mean the Emotionally Informed Classroom cannot be delivered."),),
        (("EBSA guidance published", "milestone", -60, "done", "inclusion", ""),
         ("ELSA training for early years and school age", "milestone", -30, "done", "inclusion", ""),
         ("New assistant educational psychologist starts", "milestone", -20, "done", "inclusion", "")),
        (("issue", "Changes in EP delivery mean Emotionally Informed Classroom cannot be delivered", 5, 3,
          "Look for another provider through the DBV training programme.", True),),
    ),
    DemoWorkstream(
        "Workforce Training Programme", DBV, "manager",
        "Training for staff across the partnership, including the DBV training offer and FASD.",
        ((85, "green", "Staff training booked for the autumn term."),
         (15, "amber", "Conference postponed to February out of sensitivity after the Southport incident."),),
        (("Training offer booklet 2024-2025", "milestone", -4, "in_progress", "manager", ""),
         ("Roll out the DBV training programme and parent and practitioner toolkit", "action", 26,
          "in_progress", "manager", ""),
         ("FASD training programme launched across the partnership", "milestone", 8, "not_started", "inclusion", ""),
         ("SEND conference (rescheduled)", "milestone", 110, "not_started", "manager", "")),
        (("risk", "Conference date clashes with schools' recovery after the Southport incident", 2, 3,
          "Postponed to February.", False),),
    ),
    DemoWorkstream(
        "Graduated Approach", DBV, "inclusion",
        "Toolkits that help settings identify and meet needs early, launched with the SALT toolkit.",
        ((70, "green", "Toolkits near completion; launch date booked."),),
        (("Graduated approach toolkit launch with the SALT toolkit", "milestone", 2, "in_progress", "inclusion",
          "Flyer agreed by the IC team."),
         ("Parental workshops on the graduated approach", "milestone", -95, "done", "pcf", "")),
    ),
    DemoWorkstream(
        "Communication With Families", DBV, "pcf",
        "Focus groups and workshops so families shape how the authority communicates.",
        ((60, "green", "Focus groups on the Local Offer and communication strategy in September."),),
        (("Focus groups on the Local Offer and communication strategy", "milestone", -15, "done", "pcf", ""),),
    ),
)


#: Annex A items (by title) each workstream's evidence lives in, linked both ways in the demo.
EVIDENCE = {
    "Timeliness and quality of EHCPs": ("EHC plan quality assurance", "EHC needs assessment requests and decisions"),
    "Health therapy waiting times": ("Health pathways", "Health performance data"),
    "SEND complaints handling": ("Complaints, mediation, tribunal and Ombudsman information",),
    "Quality of the SEND service": ("SEND strategy / strategic plan", "Self-evaluation (SEF)"),
    "SEND performance data": ("Performance dashboard / KPI scorecard",),
    "SEND-related children's social care services": ("Care services overview",),
    "High Needs Block deficit": ("Out of area placements",),
    "Co-production charter": ("Co-production and engagement evidence",),
    "Local Offer user experience": ("Local offer and short breaks information",),
    "Short breaks service": ("Short breaks",),
    "Joint commissioning action plan": ("Joint commissioning arrangements",
                                        "Alternative provision commissioning and oversight"),
    "SEND outcomes framework": ("Outcomes evidence",),
}

#: The demo people's keys in the order owners fall back to when a key is missing.
PEOPLE = ("head_send", "inclusion", "commissioning", "manager", "pcf", "dco", "performance", "social_care")


def _people(users: Mapping[str, User] | Sequence[User]) -> Callable[[str], User]:
    """Who ``key`` is: the demo person with that key, or (for other users) a lead or admin by turns."""
    named = dict(users) if isinstance(users, Mapping) else {}
    everyone = list(named.values()) if named else list(users)
    staff = [u for u in everyone if u.role == Role.LEAD] + [u for u in everyone if u.role == Role.ADMIN]
    if not staff:
        raise ValueError("The demo programme needs at least one lead or admin")

    def person(key: str) -> User:
        user = named.get(key)
        if user is not None and user.role in (Role.LEAD, Role.ADMIN):
            return user
        return staff[PEOPLE.index(key) % len(staff)]

    return person


def _at(today: date, days_ago: int) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(10, 30), tzinfo=UTC)


def add_programme(
    session: Session,
    users: Mapping[str, User] | Sequence[User],
    today: date,
    items: Mapping[str, EvidenceItem] | None = None,
) -> dict[str, int]:
    """Add the demo workstreams with their actions, milestones, RAG histories and risks; link them to
    the evidence items in ``items`` (by ref) whose titles match. Returns counts."""
    person = _people(users)
    by_title = {item.title: item for item in (items or {}).values()}
    link_table = LINK_TABLES[("evidence", "workstream")]
    links = []
    counts = {"workstreams": 0, "actions and milestones": 0, "risks and issues": 0}
    for position, demo in enumerate(WORKSTREAMS, start=1):
        lead = person(demo.lead)
        _, rag, reason = demo.history[-1]
        ws = Workstream(name=demo.name, group=demo.group, lead_id=lead.id, purpose=demo.purpose, rag=rag,
                        rag_reason=reason, position=position)
        session.add(ws)
        session.flush()
        previous = None
        for days_ago, to_rag, why in demo.history:
            session.add(RagChange(workstream_id=ws.id, from_rag=previous, to_rag=to_rag, reason=why,
                                  user_id=lead.id, changed_at=_at(today, days_ago)))
            previous = to_rag
        for title, kind, due_in, status, owner, notes in demo.actions:
            due = today + timedelta(days=due_in)
            action = Action(workstream_id=ws.id, kind=kind, title=title, owner_id=person(owner).id, due_date=due,
                            status=status, completed_on=min(due, today) if status == "done" else None, notes=notes)
            session.add(action)
            counts["actions and milestones"] += 1
            if status == "blocked":
                session.flush()
                session.add(Comment(action_id=action.id, author_id=lead.id, created_at=_at(today, 30),
                                    body="Paused: the team is writing the SEND strategy. Agreed at the board."))
        for kind, description, likelihood, impact, mitigation, is_open in demo.risks:
            session.add(Risk(workstream_id=ws.id, kind=kind, description=description, likelihood=likelihood,
                             impact=impact, mitigation=mitigation, owner_id=lead.id, is_open=is_open,
                             closed_on=None if is_open else today - timedelta(days=10)))
            counts["risks and issues"] += 1
        links += [{"evidence_id": by_title[t].id, "workstream_id": ws.id}
                  for t in EVIDENCE.get(demo.name, ()) if t in by_title]
        counts["workstreams"] += 1
    session.flush()
    if links:
        session.execute(link_table.insert(), links)
    return counts


def load(ctx) -> None:
    """The demo step (see tracker.services.demo): the programme, owned by the demo people."""
    for kind, n in add_programme(ctx.session, ctx.users, ctx.today, ctx.items).items():
        ctx.result.add(kind, n)
