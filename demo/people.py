"""Fictional demo members and accounts for the built-in structure (`manage.py load_demo`).

Names come from Faker (sv_SE) with a fixed seed: never real people. The data contains a few
deliberate breaches of the seat and chair rules so the coordinators' rules check is not empty:

- Samråd: Vindeln's member has no substitute.
- LSG: Åsele has no ordinary member.
- Beredning barn och unga: three municipal seats from Umeåregionen, one from Södra Lappland.
- Beredning vuxna och äldre: chair and vice chair both from the municipalities, in a year when
  the region holds the chair.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from faker import Faker

from accounts.models import User
from structure.models import (
    ChairExtension,
    Group,
    GroupKind,
    Level,
    Mandate,
    Membership,
    MembershipKind,
    Person,
    Position,
    Principal,
)

DEMO_PASSWORD = "samverkan-demo"
TERM_START = datetime.date(2024, 1, 1)
YEAR_START = datetime.date(2026, 1, 1)

DEMO_ACCOUNTS = [
    ("admin", "Systemadministratör (alla rättigheter)"),
    ("koordinator", "Regional koordinator"),
    ("ledamot", "Ledamot i LSG och Beredning vuxna och äldre"),
    ("ordforande", "Ordförande i Länssamverkansgruppen"),
    ("registrator-region", "Registrator för Region Västerbotten"),
    ("registrator-umea", "Registrator för Umeå kommun"),
]

MUNICIPAL_TITLES = ["Socialchef", "Förvaltningschef", "Verksamhetschef äldreomsorg", "MAS"]
REGION_TITLES = ["Hälso- och sjukvårdsdirektör", "Verksamhetschef", "Chefläkare", "Områdeschef"]
POLITICAL_TITLES = ["Ordförande socialnämnden", "Vice ordförande socialnämnden", "Ledamot"]


@dataclass
class DemoResult:
    created_people: int = 0
    accounts: list[tuple[str, str, bool]] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.fake = Faker("sv_SE")
        self.fake.seed_instance(20260101)
        self.principals = {p.slug: p for p in Principal.objects.all()}
        self.groups = {g.slug: g for g in Group.objects.all()}
        self.used_names: set[tuple[str, str]] = set()
        self.people = 0

    def person(self, principal: Principal, title: str = "") -> Person:
        while True:
            first, last = self.fake.first_name(), self.fake.last_name()
            if (first, last) not in self.used_names:
                break
        self.used_names.add((first, last))
        domain = f"{principal.slug}.example"
        self.people += 1
        return Person.objects.create(
            first_name=first,
            last_name=last,
            principal=principal,
            title=title,
            email=f"{slugify(first)}.{slugify(last)}@{domain}",
            phone=f"070-{self.fake.numerify('### ## ##')}",
        )

    def seat(
        self,
        group: str,
        principal: str,
        *,
        title: str = "",
        kind: str = MembershipKind.ORDINARY,
        position: str = Position.NONE,
        position_since: datetime.date | None = None,
        substitute: bool = False,
        person: Person | None = None,
        role_title: str = "",
        nominated_until: datetime.date | None = None,
    ) -> Membership:
        who = person or self.person(self.principals[principal], title)
        membership = Membership(
            person=who,
            group=self.groups[group],
            kind=kind,
            position=position,
            position_since=position_since if position else None,
            role_title=role_title,
            start_date=TERM_START,
            nominated_until=nominated_until,
        )
        membership.full_clean()
        membership.save()
        if substitute:
            stand_in = Membership(
                person=self.person(self.principals[principal], title),
                group=self.groups[group],
                kind=MembershipKind.SUBSTITUTE,
                substitute_for=membership,
                start_date=TERM_START,
            )
            stand_in.full_clean()
            stand_in.save()
        return membership

    def council_of_all_principals(
        self, group: str, region_seats: int, titles: list[str], *, skip: set[str], no_sub: set[str]
    ) -> dict[str, list[Membership]]:
        seats: dict[str, list[Membership]] = {}
        for slug, principal in sorted(self.principals.items()):
            if slug in skip:
                continue
            count = region_seats if principal.side == "region" else (2 if slug == "umea" else 1)
            seats[slug] = [
                self.seat(
                    group,
                    slug,
                    title=self.fake.random_element(titles),
                    substitute=slug not in no_sub,
                )
                for _ in range(count)
            ]
        return seats

    def working_group(self, slug: str, name: str, parent: str, members: list[str]) -> None:
        group, _ = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": name.replace("Arbetsgrupp ", "AG "),
                "kind": GroupKind.WORKING_GROUP,
                "level": Level.OFFICIALS,
                "reports_to": self.groups[parent],
                "order": 55,
                "assignment_review_months": 12,
                "seats_text": "Bemannas efter uppdraget.",
            },
        )
        self.groups[slug] = group
        Mandate.objects.get_or_create(
            group=group,
            effective_from=datetime.date(2025, 3, 1),
            defaults={
                "assignment": f"{name}: ta fram ett gemensamt underlag inom området och "
                f"leverera en rapport till {self.groups[parent].name} senast 2026-12-31.",
                "mandate": "Bereder underlag; beslutar inte.",
                "reporting_path": f"Till {self.groups[parent].name}, som har tillsatt gruppen.",
            },
        )
        for index, principal in enumerate(members):
            self.seat(
                slug,
                principal,
                title=self.fake.random_element(MUNICIPAL_TITLES),
                position=Position.CHAIR if index == 0 else Position.NONE,
                position_since=TERM_START if index == 0 else None,
            )


def _build_members(b: _Builder) -> dict[str, Person]:
    key_people: dict[str, Person] = {}

    # Samråd vård och omsorg: politicians. Breach: Vindeln's member has no substitute.
    samrad = b.council_of_all_principals(
        "samrad", 3, POLITICAL_TITLES, skip=set(), no_sub={"vindeln"}
    )
    chair, vice = samrad["region-vasterbotten"][0], samrad["umea"][0]
    for membership, position in ((chair, Position.CHAIR), (vice, Position.VICE_CHAIR)):
        membership.position, membership.position_since = position, YEAR_START
        membership.save()
        b.seat(
            "samrad-au", "", person=membership.person, position=position, position_since=YEAR_START
        )

    # Länssamverkansgruppen: officials. Breach: Åsele has no ordinary member.
    lsg = b.council_of_all_principals(
        "lsg", 4, MUNICIPAL_TITLES + REGION_TITLES, skip={"asele"}, no_sub=set()
    )
    chair, vice = lsg["lycksele"][0], lsg["region-vasterbotten"][0]
    for membership, position in ((chair, Position.CHAIR), (vice, Position.VICE_CHAIR)):
        membership.position, membership.position_since = position, YEAR_START
        membership.save()
        b.seat("lsg-au", "", person=membership.person, position=position, position_since=YEAR_START)
    key_people["ordforande"] = chair.person
    member = lsg["region-vasterbotten"][1].person
    key_people["ledamot"] = member

    # Beredning barn och unga. Breach: Umeåregionen 3, Södra Lappland 1.
    for index, slug in enumerate(
        ["umea", "vannas", "nordmaling", "skelleftea", "norsjo", "lycksele"]
    ):
        b.seat(
            "beredning-barn-och-unga",
            slug,
            title="Socialchef",
            position=Position.CHAIR if index == 0 else Position.NONE,
            position_since=YEAR_START,
        )
    for index in range(4):
        b.seat(
            "beredning-barn-och-unga",
            "region-vasterbotten",
            title="Verksamhetschef",
            position=Position.VICE_CHAIR if index == 0 else Position.NONE,
            position_since=YEAR_START,
        )

    # Beredning vuxna och äldre. Breach: chair and vice both from the municipalities in a
    # year when the region holds the chair.
    for index, slug in enumerate(
        ["umea", "robertsfors", "skelleftea", "norsjo", "vilhelmina", "storuman"]
    ):
        position = {0: Position.CHAIR, 4: Position.VICE_CHAIR}.get(index, Position.NONE)
        b.seat(
            "beredning-vuxna-och-aldre",
            slug,
            title="Verksamhetschef äldreomsorg",
            position=position,
            position_since=YEAR_START,
        )
    b.seat("beredning-vuxna-och-aldre", "", person=member)
    for _ in range(3):
        b.seat("beredning-vuxna-och-aldre", "region-vasterbotten", title="Områdeschef")

    # Samverkansråd patientsäkerhet: 4 MAS/MAR + 3 from the region's chief physicians.
    for index, slug in enumerate(["umea", "skelleftea", "lycksele", "vannas"]):
        b.seat(
            "samverkansrad-patientsakerhet",
            slug,
            title="MAS",
            position=Position.VICE_CHAIR if index == 0 else Position.NONE,
            position_since=YEAR_START,
        )
    for index in range(3):
        b.seat(
            "samverkansrad-patientsakerhet",
            "region-vasterbotten",
            title="Chefläkare",
            position=Position.CHAIR if index == 0 else Position.NONE,
            position_since=YEAR_START,
        )

    # Hjälpmedelsrådet: 4 + 4, nominated for four years, three permanently co-opted. The
    # region's chair from 2025 continues in 2026 by a recorded decision (R-M5).
    nominated = datetime.date(2027, 12, 31)
    hmr_chair = None
    for index in range(4):
        membership = b.seat(
            "hjalpmedelsradet",
            "region-vasterbotten",
            title="Verksamhetschef",
            position=Position.CHAIR if index == 0 else Position.NONE,
            position_since=datetime.date(2025, 1, 1),
            nominated_until=nominated,
        )
        hmr_chair = hmr_chair or membership
    for index, slug in enumerate(["umea", "skelleftea", "dorotea", "bjurholm"]):
        b.seat(
            "hjalpmedelsradet",
            slug,
            title="Arbetsterapeut, enhetschef",
            position=Position.VICE_CHAIR if index == 0 else Position.NONE,
            position_since=YEAR_START,
            nominated_until=nominated,
        )
    for role in (
        "Verksamhetschef Hjälpmedel Västerbotten",
        "Verksamhetsutvecklare Hjälpmedel Västerbotten",
        "Regional hjälpmedelskoordinator",
    ):
        b.seat(
            "hjalpmedelsradet",
            "region-vasterbotten",
            kind=MembershipKind.CO_OPTED,
            title=role,
            role_title=role,
        )
    ChairExtension.objects.create(
        group=b.groups["hjalpmedelsradet"],
        year=2026,
        decided_on=datetime.date(2025, 11, 20),
        reference="Hjälpmedelsrådet 2025-11-20, § 7",
        reason="Kontinuitet under pågående upphandling av hjälpmedelssortimentet.",
    )
    # The Hjälpmedelsråd chair is an ordinary member of LSG (counted apart from the seats).
    b.seat("lsg", "", person=hmr_chair.person, role_title="Hjälpmedelsrådets ordförande")

    # Working groups.
    b.working_group(
        "arbetsgrupp-samverkan-vid-utskrivning",
        "Arbetsgrupp samverkan vid utskrivning",
        "beredning-vuxna-och-aldre",
        ["umea", "region-vasterbotten", "skelleftea"],
    )
    b.working_group(
        "arbetsgrupp-psykisk-halsa-barn-och-unga",
        "Arbetsgrupp psykisk hälsa barn och unga",
        "beredning-barn-och-unga",
        ["region-vasterbotten", "lycksele", "umea"],
    )
    for slug in ("region-vasterbotten", "umea", "storuman"):
        b.seat("arbetsgrupp-ledningsseminarium", slug, title="Utvecklingsledare")

    key_people["koordinator"] = b.person(
        b.principals["region-vasterbotten"], "Regional samverkanskoordinator"
    )
    return key_people


def _ensure_accounts(key_people: dict[str, Person]) -> list[tuple[str, str, bool]]:
    principals = {p.slug: p for p in Principal.objects.all()}
    settings = {
        "admin": {"is_superuser": True, "is_staff": True},
        "koordinator": {"is_coordinator": True, "is_staff": True},
        "ledamot": {},
        "ordforande": {},
        "registrator-region": {"registrar_for": principals["region-vasterbotten"]},
        "registrator-umea": {"registrar_for": principals["umea"]},
    }
    accounts = []
    for username, description in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, **settings[username])
            person = key_people.get(username)
            if person:
                user.person = person
                user.first_name, user.last_name = person.first_name, person.last_name
                user.email = person.email
            else:
                user.email = f"{username}@samverkan.example"
            user.set_password(DEMO_PASSWORD)
            user.save()
        accounts.append((username, description, created))
    return accounts


@transaction.atomic
def load_demo() -> DemoResult:
    """Create demo members once (skipped if any person exists) and make sure accounts exist."""
    result = DemoResult()
    key_people: dict[str, Person] = {}
    if not Person.objects.exists():
        builder = _Builder()
        key_people = _build_members(builder)
        result.created_people = builder.people
    result.accounts = _ensure_accounts(key_people)
    return result
