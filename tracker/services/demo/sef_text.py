"""The demo partnership's self-evaluation, criterion by criterion, in its own words.

Drawn from the seeds: the October 2024 SEND Improvement Update ("Summary of what good looks like in SEND",
its "Progress" slides and dashboard), the March 2022 update (SENAR capacity, the Accelerated Progress
Plan) and the 2018 progress report. Names are Northshire's, the fictional partnership of the demo.

Each entry: grade, current position, strengths, impact, areas for development, next steps as
(text, title of the programme action that carries it or None), linked evidence refs, linked indicator codes.
"""

from typing import NamedTuple


class DemoJudgement(NamedTuple):
    grade: str
    position: str
    strengths: str
    impact: str
    development: str
    steps: tuple[tuple[str, str | None], ...]
    evidence: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


#: Who leads each area of the default framework (demo people's keys).
AREA_OWNERS = {
    "leadership": "manager",
    "send_arrangements": "head_send",
    "send_support": "inclusion",
    "co_production": "pcf",
    "impact_performance": "performance",
}

JUDGEMENTS: dict[str, DemoJudgement] = {
    "leadership-1": DemoJudgement(
        "good",
        "The SEND Continuous Improvement Board meets monthly, chaired by the Director of Children's Services, with "
        "the ICB, social care, schools and the Parent Carer Forum around the table. Three improvement groups report "
        "to it against one programme.",
        "Clear line of sight from the board to each workstream; RAG ratings and risks are challenged at every meeting.\n\n"
        "DfE feedback on our Delivering Better Value updates notes the improved stability of leadership.",
        "Decisions on EHC plan timeliness and therapy waits are now taken in weeks rather than months: the backlog "
        "fell from over 240 cases to 38.",
        "Board papers still describe activity more than impact on children and families.",
        (("Finalise the SEF with a gap analysis for the November board",
          "SEF finalised with gap analysis and action plan for the November board"),
         ("Report outcomes, not only activity, in each workstream update", None)),
        ("A5", "A6", "A3"), ("EHCP20", "SLTWAIT")),
    "leadership-2": DemoJudgement(
        "developing",
        "Our plans are shaped with the Parent Carer Forum and the SEND Youth Voice group, but co-production is "
        "stronger in the Co-production Group than in the other improvement groups.",
        "The co-production charter was written with parents and carers and signed off by every partner.",
        "Families tell us they feel listened to at a strategic level; fewer say so about their own child's plan.",
        "Young people are not yet part of setting priorities for the strategy.",
        (("Consult families, young people and head teachers on the draft strategy",
          "SEND strategy consultation and engagement"),
         ("Train staff in the co-production toolkit", "Train-the-trainer roll-out of the co-production toolkit")),
        ("A7", "A2"), ()),
    "leadership-3": DemoJudgement(
        "strong",
        "The Designated Clinical Officer is a senior post with protected time, sits on the board and leads health's "
        "part of the programme.",
        "Health advice for EHC needs assessments is returned within six weeks in every case since April.",
        "Children's health needs are described and provided for in their plans from the start.",
        "Capacity relies on one post holder; there is no deputy.",
        (("Share the health advice tracker with the SEND team each week", None),),
        ("A27", "A16"), ("SEND4",)),
    "leadership-4": DemoJudgement(
        "developing",
        "Social care advice for assessments is tracked and responded to within six weeks in 86% of cases.",
        "The Head of Children's Social Care leads the 0-25 pathway workstream and sits on the board.",
        "Disabled children's social care plans are now considered alongside EHC plans at annual review.",
        "Social care contributions to plans are uneven in quality, and the 0-25 pathway is not yet agreed.",
        (("Share the social care advice tracker with the SEND team", "Social care advice tracker shared with the SEND team"),),
        ("A26", "A31"), ()),
    "leadership-5": DemoJudgement(
        "good",
        "Head teachers, SENCOs and early years leaders review the strategy through the termly SENCO forum and the "
        "schools' SEND reference group.",
        "Links and relationships with schools and settings are positive; the new Assistant Director has been welcomed.",
        "Settings report that support from the inclusion team reaches children sooner than a year ago.",
        "Secondary head teachers are less involved than primary.",
        (("Keep meeting early years settings through the year", "Continued meetings with settings"),),
        ("A2",), ()),
    "send_arrangements-1": DemoJudgement(
        "developing",
        "A draft SEND strategy sets out a shared vision; its consultation with head teachers, families, young people and "
        "partners runs to the end of term.",
        "Every partner has signed up to the draft vision at the board.",
        "Too early to show: the vision is not yet known by families or front-line staff.",
        "Publish the strategy in words families recognise, and check staff across partners know it.",
        (("Bring the final draft of the strategy to the board", "Final draft of the SEND strategy"),
         ("Consult on the draft strategy", "SEND strategy consultation and engagement")),
        ("A2",), ()),
    "send_arrangements-2": DemoJudgement(
        "good",
        "Governance is clear: board, three improvement groups and the DBV programme, each with a lead, terms of "
        "reference and a risk register.",
        "Weekly EHCP, finance and sufficiency meetings keep the board's priorities moving between meetings.",
        "Decisions on places and funding are made faster, so fewer children wait for a named school.",
        "The strategy that the arrangements serve is still in draft.",
        (("Appoint a permanent Head of SEND and Inclusion", "Appoint a permanent Head of SEND and Inclusion"),),
        ("A5", "A6"), ()),
    "send_arrangements-3": DemoJudgement(
        "good",
        "A weekly EHCP dashboard, built with Business Intelligence, shows performance and blockages to the day.",
        "One dashboard for the board, the improvement groups and team managers.",
        "Team managers move casework to where the blockages are; 20-week timeliness rose through the summer.",
        "Health and social care measures are not yet in the same dashboard.",
        (("Agree a data-sharing arrangement with health partners",
          "Data-sharing agreement between the council and health partners"),),
        ("A13",), ("EHCP20",)),
    "send_arrangements-4": DemoJudgement(
        "weak",
        "The High Needs Block carries a deficit; a DBV plan is agreed with the DfE, but formal arrangements for "
        "agreeing resources between partners are not in place.",
        "Weekly finance meetings give an accurate, current picture of spend.",
        "Families do not yet see a difference: decisions on packages still take too long.",
        "Agree how the council and health share the cost of joint packages, and a banding model for mainstream schools.",
        (("Model mainstream banding for SEND funding", "Financial modelling of mainstream school banding for SEND funding"),
         ("Report DBV progress to the DfE", "DBV progress report to the DfE")),
        ("A8", "A9"), ()),
    "send_arrangements-5": DemoJudgement(
        "developing",
        "Unusual placement requests go to a joint panel, but there is no written process for the rarest cases.",
        "The panel meets fortnightly and records its decisions.",
        "Most requests are decided within four weeks; a few complex cases wait much longer.",
        "Write the process down and share it with families and schools.",
        (("Agree the joint commissioning action plan at the board", "Joint commissioning action plan agreed at the board"),),
        ("A8", "A25"), ()),
    "send_support-1": DemoJudgement(
        "developing",
        "A graduated approach toolkit is being written with schools and launches with the speech and language toolkit.",
        "Educational psychology responds within six weeks in 90% of cases.",
        "More children's needs are met at SEN support, but requests for assessment keep rising.",
        "The graduated approach is not yet used consistently across schools.",
        (("Launch the graduated approach toolkit", "Graduated approach toolkit launch with the SALT toolkit"),
         ("Run workshops for parents on the graduated approach", "Parental workshops on the graduated approach")),
        ("A18", "A20"), ("REQUESTS", "SEND3")),
    "send_support-2": DemoJudgement(
        "good",
        "Health, social care, schools and the Parent Carer Forum helped redesign the EHC plan process and its templates.",
        "A multi-agency audit of plan quality, with health and social care auditors, is under way.",
        "Plans now describe a child's needs across education, health and care in one place.",
        "Early years settings had less say than schools.",
        (("Audit the quality of EHC plans with partners", "Multi-agency audit of EHC plan quality"),),
        ("A14", "A31"), ("EHCP20",)),
    "send_support-3": DemoJudgement(
        "developing",
        "Guidance on the EHC plan process is published, and a training offer for plan writers starts this term.",
        "SENAR capacity grew from 22 to over 80 staff, so casework is no longer held by too few people.",
        "The backlog is down to 38 cases; families wait less for a decision.",
        "Staff across partners are not all clear what the process asks of them.",
        (("Train plan writers in SMART outcomes", "SMART outcomes training for plan writers"),
         ("Clear the assessment backlog", "Clear the EHC needs assessment backlog")),
        ("A20", "A14"), ("EHCP20",)),
    "send_support-4": DemoJudgement(
        "weak",
        "Outcomes in EHC plans are too often generic and not linked to the child's aspirations.",
        "Where plans were rewritten at annual review, outcomes are SMART.",
        "Young people tell us their plans do not say what they want to achieve.",
        "Make outcomes SMART and personal in every new plan.",
        (("Train plan writers in SMART outcomes", "SMART outcomes training for plan writers"),),
        ("A14", "A30"), ()),
    "send_support-5": DemoJudgement(
        "developing",
        "Preparing for adulthood starts at Year 9 review; a 0-25 pathway is being designed.",
        "The Preparing for Adulthood conference brought colleges, employers and families together.",
        "Fewer young people with EHC plans are not in education, employment or training than two years ago.",
        "Transition to adult health and social care is late for too many young people.",
        (("Hold the Preparing for Adulthood conference", "Preparing for Adulthood conference"),),
        ("A30",), ()),
    "co_production-1": DemoJudgement(
        "good",
        "The communications and engagement strategy for parent carers and young people was written with the Parent "
        "Carer Forum and the SEND Youth Voice group, and the Co-production Group oversees it.",
        "Parents co-chair the Co-production Group and set half its agenda.",
        "Parents report more trust in what the council tells them, and more of them answer our surveys.",
        "The strategy reaches parents far better than it reaches children and young people.",
        (("Agree the communications strategy", "Communications strategy agreed by the Co-production Group"),
         ("Publish the first termly newsletter", "First edition of the termly newsletter")),
        ("A7",), ()),
    "co_production-2": DemoJudgement(
        "developing",
        "The Parent Carer Forum sits on the board and every improvement group, and helped plan the short breaks "
        "review; it is consulted later in commissioning and in health service planning.",
        "Forum members co-wrote the short breaks consultation and ran its family sessions.",
        "Families say the short breaks offer now reflects what they asked for; 41% of parents are satisfied with "
        "SEND services overall.",
        "Involve the Forum from the start of every commissioning cycle, not at consultation.",
        (("Consult families on short breaks with the Forum", "Short breaks consultation with families"),
         ("Run parent carer workshops on how they want to hear from us",
          "Parent carer workshops on preferred ways of communicating")),
        ("A22", "A7", "A23"), ()),
    "co_production-3": DemoJudgement(
        "strong",
        "The co-production charter is finalised, signed off by every partner and shared; a training toolkit was "
        "co-produced with parents and carers.",
        "The charter was written by parents and carers with officers, not for them.",
        "Staff have a shared, practical guide to working with families as equals.",
        "Check the charter is used in casework, not only at a strategic level.",
        (("Launch the charter at the Local Offer Live event", "Launch the charter at the Local Offer Live event"),
         ("Roll out the toolkit through train-the-trainer", "Train-the-trainer roll-out of the co-production toolkit")),
        ("A7",), ()),
    "co_production-4": DemoJudgement(
        "good",
        "Health and the local authority both report on their engagement duties to the board each year.",
        "The ICB's engagement lead attends the Co-production Group.",
        "Health pathways for autism and ADHD were redesigned with families.",
        "Engagement with families of children in alternative provision is limited.",
        (("Review every autism and ADHD waiter over 104 weeks", "Review every ASD and ADHD waiter over 104 weeks"),),
        ("A7", "A27"), ()),
    "co_production-5": DemoJudgement(
        "developing",
        "The SEND Youth Voice group meets monthly; each month the board hears a Voice of the Child case study.",
        "Young people designed the Local Offer news page.",
        "Young people's feedback changed how annual reviews are held in two special schools.",
        "Hear directly from younger children and from those in mainstream schools.",
        (("Run focus groups on the Local Offer", "Focus groups on the Local Offer and communication strategy"),),
        ("A7", "A12"), ()),
    "impact_performance-1": DemoJudgement(
        "good",
        "Performance data is gathered across education, health and social care and reported monthly to the board.",
        "Business Intelligence produces the weekly EHCP dashboard.",
        "The board sees where children are waiting and acts on it.",
        "Health data arrives later than education data.",
        (("Agree the data-sharing agreement with health", "Data-sharing agreement between the council and health partners"),),
        ("A13", "A16"), ()),
    "impact_performance-2": DemoJudgement(
        "weak",
        "There is no signed data-sharing agreement between the council and health partners.",
        "Information governance leads have agreed the purposes and a draft.",
        "Without it, therapy waits and EHC plans cannot be joined up for the same children.",
        "Sign and use the agreement.",
        (("Sign the data-sharing agreement", "Data-sharing agreement between the council and health partners"),),
        ("A16",), ()),
    "impact_performance-3": DemoJudgement(
        "developing",
        "Data is used to monitor the improvement programme; an outcomes framework is in development.",
        "Sufficiency analysis predicted the 300 new places needed over three years.",
        "New places at Presfield, Freshfield and Bedford mean children stay in their own area.",
        "We do not yet measure outcomes for children as well as we measure processes.",
        (("Agree outcome measures with health partners", "Agree outcome measures with health partners"),
         ("Finalise the sufficiency plan", "Finalise the sufficiency plan and proposals for new places")),
        ("A13", "A30", "A4"), ()),
    "impact_performance-4": DemoJudgement(
        "weak",
        "The SEND complaints policy is out of date, and too few complaints are answered on time.",
        "Complaints are logged in one place and themes are known.",
        "Families wait too long for an answer, and lessons are not fed back.",
        "Publish the policy, answer on time and report themes to the board.",
        (("Publish the SEND complaints policy", "Publish the SEND complaints policy and feedback process"),
         ("Report complaint themes to the board each quarter", "Quarterly report of complaint themes to the board")),
        ("A15",), ()),
    "impact_performance-5": DemoJudgement(
        "strong",
        "Independent mediation and SENDIASS advice are commissioned and promoted in every decision letter.",
        "Most mediations are resolved without going to tribunal.",
        "Families resolve disagreements sooner, and fewer face a tribunal.",
        "Make sure families whose first language is not English know about the service.",
        (("Promote waiting well and community services on the Local Offer",
          "Promote waiting well and community services on the Local Offer"),),
        ("A15", "A12"), ()),
}

#: Voices: (kind, title, source, days ago, consent, text, criterion keys). Two are without consent.
VOICES = (
    ("quote", "", "parent_carer", 12, True,
     "Since the new caseworker took over we have had a call every fortnight. For the first time I know what is "
     "happening and when.", ("send_support-3", "co_production-2")),
    ("quote", "", "child_young_person", 20, True,
     "I wanted my plan to say I want to work with animals. Now it does, and college knows.",
     ("send_support-4", "send_support-5")),
    ("case_study", "Getting the right school place close to home", "practitioner", 35, True,
     "A reception child named for a mainstream class moved to the new SEN unit at Freshfield when the modular "
     "classroom opened. The unit and the family planned the move together over three weeks; the child now attends "
     "full time and the family no longer faces a 40-minute journey.", ("send_arrangements-4", "impact_performance-3")),
    ("quote", "", "school_setting", 41, True,
     "The inclusion team came within a fortnight and stayed until our staff were confident. That never used to happen.",
     ("send_support-1", "leadership-5")),
    ("quote", "", "parent_carer", 48, True,
     "Writing the charter with officers was the first time I felt like a partner, not a problem.",
     ("co_production-3", "co_production-1")),
    ("quote", "", "child_young_person", 55, True,
     "At my review they asked me first, not my mum. I said what I wanted to do after Year 11.",
     ("co_production-5",)),
    ("case_study", "Waiting well for an autism assessment", "parent_carer", 63, True,
     "While waiting for an autism assessment, the family was offered the waiting well sessions and a named contact. "
     "The wait was still long, but school put support in place before the diagnosis and the child's attendance "
     "recovered.", ("co_production-4", "impact_performance-5")),
    ("quote", "", "practitioner", 70, True,
     "The weekly dashboard means I can see which cases are stuck and why, before the family has to chase us.",
     ("send_arrangements-3", "impact_performance-1")),
    ("quote", "", "school_setting", 84, True,
     "Health advice now arrives on time, so the plan we get describes the whole child.",
     ("leadership-3", "send_support-2")),
    ("quote", "", "parent_carer", 96, True,
     "I complained in March and heard nothing for ten weeks. The answer was fair, but the wait made it worse.",
     ("impact_performance-4",)),
    ("quote", "", "parent_carer", 27, False,
     "My son's plan took nine months. Nobody told us why, and I had to give up work to look after him.",
     ("send_support-3", "impact_performance-4")),
    ("case_study", "A move to adult services", "practitioner", 58, False,
     "A young person turning 18 reached adult social care two months after their college place began, so support "
     "at college started late. The 0-25 pathway work is meant to stop this happening.", ("send_support-5", "leadership-4")),
)
