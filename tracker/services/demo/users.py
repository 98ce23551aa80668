"""Demo people: one of each role, and a lead for each partner. Passwords are fixed and printed."""

from dataclasses import dataclass

from ...models.enums import Partner, Role
from .. import users as user_service

DOMAIN = "northshire.example.org"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    job: str
    role: Role
    partner: Partner | None = None

    @property
    def email(self) -> str:
        return f"{self.name.lower().replace('dr ', '').replace(' ', '.')}@{DOMAIN}"

    @property
    def password(self) -> str:
        # Deterministic so the README and the printed list agree; long enough for the password rule.
        return f"demo-{self.role.value}-2026"

    def sign_in(self):
        from . import SignIn

        return SignIn(self.email, self.password, self.name, self.job, self.role.label)


DEMO_USERS = (
    DemoPerson("manager", "Ruth Adeyemi", "SEND programme manager", Role.ADMIN),
    DemoPerson("head_send", "Tom Gallagher", "Head of SEND", Role.LEAD, Partner.COUNCIL),
    DemoPerson("commissioning", "Karen Doyle", "Head of Joint Commissioning", Role.LEAD, Partner.COUNCIL),
    DemoPerson("performance", "Ben Cho", "SEND performance and data manager", Role.LEAD, Partner.COUNCIL),
    DemoPerson("dco", "Dr Priya Nair", "Designated Clinical Officer (health)", Role.LEAD, Partner.HEALTH),
    DemoPerson("social_care", "Marcus Bell", "Head of Children's Social Care", Role.LEAD, Partner.SOCIAL_CARE),
    DemoPerson("pcf", "Jo Whitfield", "Parent Carer Forum lead", Role.LEAD, Partner.PARENT_CARER_FORUM),
    DemoPerson("inclusion", "Aisha Rahman", "Inclusion lead for schools", Role.LEAD, Partner.SCHOOLS_SETTINGS),
    DemoPerson("dcs", "Catherine Moss", "Director of Children's Services", Role.VIEWER),
    DemoPerson("inspector", "Jordan Lee", "Ofsted inspector (demo account)", Role.INSPECTOR),
)


def load(ctx) -> None:
    for person in DEMO_USERS:
        user = user_service.create_user(ctx.session, person.email, person.name, person.role, person.password)
        ctx.users[person.key] = user
        ctx.result.sign_ins.append(person.sign_in())
    ctx.result.add("users", len(DEMO_USERS))
