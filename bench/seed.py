"""National volume on top of the demo, for `make bench` (`manage.py bench --seed-only`).

At SCALE=1 about 290 principals, 500 groups, 50,000 meetings, 200,000 cases, 100,000
recommendations and 1.6 million addressees (most with a registered decision), plus agendas,
minutes with their approvals, treatments, news, working groups and members with accounts.

A large share (`DEMO_SHARE`) goes into the demo's own groups and principals, so the pages the
bench measures for a demo object (LSG's balance list, Region Västerbotten's registrar inbox, the
"ledamot" account's cases) are the ones that become heavy.

Every row respects the models' constraints and the services' rules, without calling them:

- a case keeps a gap-free register number per year after the demo's (and the year's counter is
  moved on), is raised by a current member of its group, and is open at a group, at local level
  (a municipality, no group) or finished (with `finished_at`);
- a recommendation is adopted at a past meeting of a group that gives recommendations (or decides
  itself: then it is an own decision, never expedited or addressed, and the case is finished);
- its addressees exist from adoption; it is expedited a few days later unless adopted in the last
  ten days; only expedited recommendations get decisions, each by a body of the addressed
  principal, on a working day after adoption and a week before today, registered by the
  principal's registrar (or the coordinator on its behalf); a partly approval has a comment; a
  case whose addressees have all decided is finished since the last registration;
- minutes exist for held meetings of groups whose rule approves minutes, with one approval per
  role the rule names; the meeting's agenda has a decision item the treatments refer to.

Small tables go through `bulk_create`; the big ones through `bench.writer` (COPY on PostgreSQL).
Simple history is not written for seeded rows (as for any bulk load). ANALYZE runs at the end.
"""

from __future__ import annotations

import datetime
import functools
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from bench.search_index import index_seeded_rows
from bench.writer import (
    analyze,
    foreign_keys_checked_in_bulk,
    next_id,
    reset_sequences,
    write_rows,
)
from cases.models import (
    Addressee,
    Case,
    CaseStatus,
    DecisionOutcome,
    Outcome,
    PrincipalDecision,
    Recommendation,
    RegisterCounter,
    Treatment,
)
from lib.dates import TZ
from meetings.calendar import is_working_day
from meetings.models import (
    APPROVAL_ROLES,
    AgendaItem,
    Approval,
    ApprovalRole,
    ItemKind,
    Meeting,
    Minutes,
    MinutesItem,
    MinutesStatus,
)
from news.models import NewsItem
from structure.cache import bump_version
from structure.models import (
    DecisionBody,
    GeographicGrouping,
    Group,
    GroupKind,
    Level,
    Mandate,
    MeetingForm,
    Membership,
    MembershipKind,
    MinutesApproval,
    Person,
    Position,
    Principal,
    Side,
)
from workgroups.models import Status as WorkingGroupStatus
from workgroups.models import WorkingGroup

# The national volume at SCALE=1 (totals, demo included where it counts).
NATIONAL = {
    "principals": 288,
    "groups": 500,
    "meetings": 50_000,
    "cases": 200_000,
    "recommendations": 100_000,
    "news": 2_000,
    "working_groups": 1_000,
}
COUNTY_SIZE = 16  # one region and fifteen municipalities, as Västerbotten
DEMO_SHARE = 0.3  # of meetings, cases and recommendations, in the demo's own groups
OWN_DECISION_SHARE = 0.02  # recommendations that are a council's own decisions (no addressees)
FIRST_DAY = datetime.date(2017, 1, 2)
LAST_DAY = datetime.date(2027, 12, 15)
MEMBERS_PER_GROUP = 5
AGENDA = 3  # items per meeting: opening, the decision item, information

TOPICS = [
    "Samverkan vid utskrivning från sluten vård",
    "Psykisk hälsa hos barn och unga",
    "Hjälpmedel i hemmet",
    "Äldres läkemedelsanvändning",
    "Trygg hemgång efter sjukhusvistelse",
    "Missbruk och beroende",
    "Barn som anhöriga",
    "Palliativ vård i livets slutskede",
    "Suicidprevention",
    "Digitala vårdmöten i hemtjänsten",
    "Rehabilitering efter stroke",
    "Demensvård och stöd till anhöriga",
    "Omställning till nära vård",
    "Vaccination i särskilt boende",
    "Kompetensförsörjning inom omsorgen",
    "Samordnad individuell plan",
    "Fallprevention för äldre",
    "Nutrition för äldre i ordinärt boende",
    "Riktlinje för delegering av hälso- och sjukvårdsuppgifter",
    "Tandvård för personer med omfattande omsorgsbehov",
]
FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Emma", "Nils",
    "Linnea", "Olof", "Ingrid", "Mats", "Elin", "Gustav", "Sofia", "Henrik", "Frida", "Jonas",
]  # fmt: skip
LAST_NAMES = [
    "Lindqvist", "Berglund", "Holmström", "Sandberg", "Öberg", "Lundmark", "Nordin",
    "Hedlund", "Forsberg", "Wikström", "Åström", "Marklund", "Burman", "Nyström", "Stenlund",
]  # fmt: skip


def volumes(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in NATIONAL.items()}


@dataclass
class SeedReport:
    scale: float
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@functools.lru_cache(maxsize=65536)
def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@functools.lru_cache(maxsize=16384)
def _working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


PARTLY_COMMENT = "Bifalls utom uppföljningen."
FIRST_DECISION_AFTER = datetime.timedelta(days=28)


@functools.cache
def _decision_moment(
    adopted: datetime.date, span: int, order: int, count: int
) -> tuple[datetime.date, datetime.datetime, str]:
    """The `order`-th of `count` decisions on a recommendation adopted on `adopted`: spread over
    `span` days from four weeks after adoption, each on a working day (never before adoption),
    registered two days later; and the start of the reference to the body's minutes."""
    decided_on = _working_day_on_or_before(
        adopted + FIRST_DECISION_AFTER + datetime.timedelta(days=span * order // max(count - 1, 1))
    )
    decided_on = max(decided_on, adopted)
    registered = _at(decided_on + datetime.timedelta(days=2), 10)
    return decided_on, registered, f"Nämnden {decided_on.isoformat()} §"


class _Seeder:
    def __init__(self, scale: float, seed: int = 2026, log=None) -> None:
        self.log = log
        self.last = time.perf_counter()
        self.scale = scale
        self.volume = volumes(scale)
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.rows: dict[str, int] = {}
        self.coordinator = User.objects.filter(is_coordinator=True).order_by("pk").first()
        if self.coordinator is None:
            raise RuntimeError("Kör load_demo först: bänken behöver demons koordinator.")
        self.coordinator_person_id = self.coordinator.person_id

    def count(self, name: str, n: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + n
        if self.log:
            now = time.perf_counter()
            self.log(f"    {name:<18} {n:>10,} rader {now - self.last:6.1f} s".replace(",", " "))
            self.last = now

    # --- Structure -------------------------------------------------------------------------------

    def structure(self) -> None:
        demo_principals = list(Principal.objects.order_by("-side", "name"))
        self.demo_group_ids = list(
            Group.objects.order_by("order", "pk").values_list("pk", flat=True)
        )
        new_principals = max(1, self.volume["principals"] - len(demo_principals))
        used_codes = set(Principal.objects.values_list("code", flat=True))
        county_codes = [
            f"{n:02d}" for n in range(1, 100) if f"{n:02d}" not in used_codes and n != 24
        ]
        groupings, principals = [], []
        for index in range(new_principals):
            county, position = divmod(index, COUNTY_SIZE)
            code = county_codes[county]
            if position == 0:
                principals.append(
                    Principal(
                        code=code,
                        name=f"Region Testlän {code}",
                        slug=f"region-testlan-{code}",
                        side=Side.REGION,
                    )
                )
                groupings.append(
                    GeographicGrouping(
                        slug=f"testlan-{code}", name=f"Testlän {code}", order=100 + county
                    )
                )
            else:
                principals.append(
                    Principal(
                        code=f"{code}{position:02d}",
                        name=f"Testkommun {code}{position:02d}",
                        slug=f"testkommun-{code}{position:02d}",
                        side=Side.MUNICIPALITY,
                    )
                )
        groupings = GeographicGrouping.objects.bulk_create(groupings)
        for index, principal in enumerate(principals):
            if principal.side == Side.MUNICIPALITY:
                principal.grouping = groupings[index // COUNTY_SIZE]
        principals = Principal.objects.bulk_create(principals)
        bodies = DecisionBody.objects.bulk_create(
            DecisionBody(
                principal=p,
                name="Hälso- och sjukvårdsnämnden" if p.side == Side.REGION else "Socialnämnden",
            )
            for p in principals
        )
        self.count("principals", len(principals) + len(groupings) + len(bodies))
        # Counties: the demo's sixteen, then the seeded ones in sixteens.
        self.counties = [[p.pk for p in demo_principals]]
        for start in range(0, len(principals), COUNTY_SIZE):
            self.counties.append([p.pk for p in principals[start : start + COUNTY_SIZE]])
        self.body_of: dict[int, int] = {}
        for body in DecisionBody.objects.order_by("-pk"):
            self.body_of[body.principal_id] = body.pk
        for p in demo_principals:
            if p.pk not in self.body_of:
                self.body_of[p.pk] = DecisionBody.objects.create(principal=p, name="Nämnden").pk
        self.side_of = dict(Principal.objects.values_list("pk", "side"))
        # Registrars: the demo's, and one account per seeded principal.
        registrars = User.objects.bulk_create(
            User(
                username=f"bench-registrator-{p.code}",
                email=f"registrator@{p.slug}.example",
                registrar_for=p,
                password=make_password(None),
            )
            for p in principals
        )
        self.count("users", len(registrars))
        self.registrar_of: dict[int, int] = {}
        for user in User.objects.filter(registrar_for__isnull=False, is_active=True).order_by(
            "-pk"
        ):
            self.registrar_of[user.registrar_for_id] = user.pk
        self._groups(principals)

    def _groups(self, principals: list[Principal]) -> None:
        new_groups = max(1, self.volume["groups"] - len(self.demo_group_ids))
        seeded_counties = len(self.counties) - 1
        groups = []
        self.county_of_group: dict[int, int] = {}
        for index in range(new_groups):
            recommends = index % 4 == 0
            decides = index % 40 == 7
            kind = (
                GroupKind.OFFICIALS_GROUP
                if recommends
                else GroupKind.COUNCIL
                if decides
                else GroupKind.PREPARATORY_BODY
            )
            topic = TOPICS[index % len(TOPICS)]
            groups.append(
                Group(
                    slug=f"testgrupp-{index + 1:04d}",
                    name=f"Testgrupp {index + 1:04d} {topic.lower()}",
                    short_name=f"TG {index + 1:04d}",
                    kind=kind,
                    level=Level.OFFICIALS,
                    order=200,
                    meetings_min=4,
                    meetings_max=10,
                    paper_deadline_days=5,
                    minutes_approval=MinutesApproval.CHAIR,
                    minutes_public=index % 10 != 3,
                    meeting_form=MeetingForm.HYBRID,
                    gives_recommendations=recommends,
                    reports_to_principals=recommends,
                    decides_itself=decides,
                    seats_text="En plats per huvudman i länet.",
                )
            )
        groups = Group.objects.bulk_create(groups)
        for index, group in enumerate(groups):
            self.county_of_group[group.pk] = 1 + index % seeded_counties if seeded_counties else 0
        for pk in self.demo_group_ids:
            self.county_of_group[pk] = 0
        mandates = Mandate.objects.bulk_create(
            Mandate(
                group=g,
                effective_from=FIRST_DAY,
                assignment=f"{g.name}: bereda frågor inom området för huvudmännen i länet.",
                mandate="Bereder och rekommenderar; beslutar inte själv.",
                reporting_path="Till huvudmännen via länets samverkansgrupp.",
            )
            for g in groups
        )
        self.count("groups", len(groups) + len(mandates))
        self._members(groups)

    def _members(self, groups: list[Group]) -> None:
        term = datetime.date(self.today.year - 2, 1, 1)
        persons = []
        for group in groups:
            county = self.counties[self.county_of_group[group.pk]]
            for seat in range(MEMBERS_PER_GROUP):
                first = FIRST_NAMES[(group.pk * 7 + seat) % len(FIRST_NAMES)]
                last = LAST_NAMES[(group.pk * 3 + seat * 5) % len(LAST_NAMES)]
                persons.append(
                    Person(
                        first_name=first,
                        last_name=last,
                        principal_id=county[seat % len(county)],
                        title="Verksamhetschef",
                        email=f"{first.lower()}.{group.pk}.{seat}@bench.example",
                    )
                )
        persons = Person.objects.bulk_create(persons)
        memberships = []
        for index, group in enumerate(groups):
            for seat in range(MEMBERS_PER_GROUP):
                memberships.append(
                    Membership(
                        person=persons[index * MEMBERS_PER_GROUP + seat],
                        group=group,
                        kind=MembershipKind.ORDINARY,
                        position=Position.CHAIR if seat == 0 else Position.NONE,
                        position_since=term if seat == 0 else None,
                        start_date=term,
                    )
                )
        Membership.objects.bulk_create(memberships)
        # The chairs get accounts: they approve the minutes.
        chairs = User.objects.bulk_create(
            User(
                username=f"bench-ordf-{group.slug}",
                first_name=persons[index * MEMBERS_PER_GROUP].first_name,
                last_name=persons[index * MEMBERS_PER_GROUP].last_name,
                email=persons[index * MEMBERS_PER_GROUP].email,
                person=persons[index * MEMBERS_PER_GROUP],
                password=make_password(None),
            )
            for index, group in enumerate(groups)
        )
        self.count("persons", len(persons) + len(memberships) + len(chairs))
        self.members_of: dict[int, list[int]] = defaultdict(list)
        for group_id, person_id in (
            Membership.objects.current(self.today)
            .filter(kind=MembershipKind.ORDINARY)
            .order_by("pk")
            .values_list("group_id", "person_id")
        ):
            self.members_of[group_id].append(person_id)
        self.principal_of_person = dict(Person.objects.values_list("pk", "principal_id"))
        # Who approves each group's minutes, per role the group's rule names.
        self.approvers: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
        for index, group in enumerate(groups):
            self.approvers[group.pk][ApprovalRole.CHAIR] = (
                persons[index * MEMBERS_PER_GROUP].pk,
                chairs[index].pk,
            )
        for group_id, role, person_id, user_id in Approval.objects.values_list(
            "minutes__meeting__group_id", "role", "person_id", "user_id"
        ):
            self.approvers[group_id].setdefault(role, (person_id, user_id))
        self.rules = {
            g.pk: g
            for g in Group.objects.only(
                "pk", "minutes_approval", "gives_recommendations", "decides_itself", "slug"
            )
        }

    # --- Meetings, agendas, minutes --------------------------------------------------------------

    def _share(self, total: int, demo_ids: list[int], seeded_ids: list[int]) -> list[int]:
        """The group of each of `total` rows: DEMO_SHARE in the demo's groups, the rest seeded."""
        demo = round(total * DEMO_SHARE) if seeded_ids else total
        if not demo_ids:
            demo = 0
        owners = [demo_ids[i % len(demo_ids)] for i in range(demo)]
        owners += [seeded_ids[i % len(seeded_ids)] for i in range(total - demo)]
        return owners

    def meetings(self) -> None:
        seeded = [pk for pk in self.rules if pk not in set(self.demo_group_ids)]
        owners = self._share(self.volume["meetings"], self.demo_group_ids, seeded)
        per_group: dict[int, int] = defaultdict(int)
        for owner in owners:
            per_group[owner] += 1
        span = (LAST_DAY - FIRST_DAY).days
        meeting_id = next_id(Meeting)
        item_id = next_id(AgendaItem)
        meetings, items = [], []
        self.past_meetings: dict[int, list[tuple[int, datetime.date, int]]] = defaultdict(list)
        self.held: list[tuple[int, int, datetime.date, datetime.datetime]] = []
        for group_id, n in sorted(per_group.items()):
            offset = self.random.randrange(max(1, span // max(n, 1)))
            for j in range(n):
                day = _working_day_on_or_after(
                    FIRST_DAY + datetime.timedelta(days=min(span, offset + span * j // n))
                )
                hour = 9 if (group_id + j) % 3 else 13
                starts = _at(day, hour)
                ends = starts + datetime.timedelta(hours=2, minutes=30)
                past = ends < self.now
                cancelled = self.random.random() < 0.03
                sent = _at(day - datetime.timedelta(days=10), 8) if past else None
                meetings.append(
                    (
                        meeting_id,
                        group_id,
                        "",
                        starts,
                        ends,
                        MeetingForm.HYBRID if j % 2 else MeetingForm.IN_PERSON,
                        "Regionens hus, sal 3" if j % 2 == 0 else "Kommunhuset",
                        "",
                        j % 9 != 4,
                        cancelled,
                        uuid.UUID(int=self.random.getrandbits(128), version=4),
                        0,
                        sent,
                        sent,
                        _at(day - datetime.timedelta(days=30), 8),
                    )
                )
                topic = TOPICS[(meeting_id + group_id) % len(TOPICS)]
                decision_item = item_id + 1
                for position, kind, title, description, proposal in (
                    (1, ItemKind.PROCEDURE, "Mötets öppnande och val av justerare", "", ""),
                    (
                        2,
                        ItemKind.DECISION,
                        topic,
                        f"{topic}: förslag till gemensam riktlinje för huvudmännen.",
                        "Gruppen föreslås anta riktlinjen och rekommendera huvudmännen den.",
                    ),
                    (3, ItemKind.INFORMATION, "Information från huvudmännen", "", ""),
                ):
                    items.append(
                        (item_id, meeting_id, position, kind, title, description, proposal)
                    )
                    item_id += 1
                if past and not cancelled:
                    self.past_meetings[group_id].append((meeting_id, day, decision_item))
                    self.held.append((meeting_id, group_id, day, ends))
                meeting_id += 1
        self.count(
            "meetings",
            write_rows(
                Meeting,
                [
                    "id", "group", "title", "starts_at", "ends_at", "form", "location", "link",
                    "is_public", "cancelled", "uid", "ical_sequence", "kallelse_sent_at",
                    "papers_sent_at", "created_at",
                ],
                meetings,
            ),
        )  # fmt: skip
        meetings.clear()
        self.count(
            "agenda_items",
            write_rows(
                AgendaItem,
                ["id", "meeting", "position", "kind", "title", "description", "proposal"],
                items,
            ),
        )
        items.clear()
        self._minutes()

    def _minutes(self) -> None:
        minutes_id = next_id(Minutes)
        item_id = next_id(MinutesItem)
        approval_id = next_id(Approval)
        minutes, items, approvals = [], [], []
        recent = self.now - datetime.timedelta(days=21)
        for meeting_id, group_id, day, ends in self.held:
            roles = APPROVAL_ROLES.get(self.rules[group_id].minutes_approval)
            approvers = self.approvers.get(group_id, {})
            if not roles or any(role not in approvers for role in roles):
                continue  # no approval rule (no minutes, as in the demo) or nobody to approve
            approved = ends < recent
            checker = approvers.get(ApprovalRole.CHECKER, (None, None))[0]
            approved_at = _at(day + datetime.timedelta(days=7), 15) if approved else None
            minutes.append(
                (
                    minutes_id,
                    meeting_id,
                    1,
                    MinutesStatus.APPROVED if approved else MinutesStatus.DRAFT,
                    None,
                    "",
                    "Mötet öppnades och dagordningen fastställdes.",
                    checker,
                    ends,
                    approved_at,
                )
            )
            topic = TOPICS[(meeting_id + group_id) % len(TOPICS)]
            items.append(
                (item_id, minutes_id, 1, ItemKind.PROCEDURE, "Mötets öppnande", "", "", "")
            )
            items.append(
                (
                    item_id + 1,
                    minutes_id,
                    2,
                    ItemKind.DECISION,
                    topic,
                    f"Gruppen diskuterade {topic.lower()} och huvudmännens erfarenheter.",
                    "Gruppen beslutar",
                    "anta riktlinjen\nrekommendera huvudmännen att införa den",
                )
            )
            item_id += 2
            if approved:
                for role in roles:
                    person_id, user_id = approvers[role]
                    approvals.append(
                        (approval_id, minutes_id, role, person_id, user_id, approved_at)
                    )
                    approval_id += 1
            minutes_id += 1
        self.count(
            "minutes",
            write_rows(
                Minutes,
                [
                    "id", "meeting", "version", "status", "supersedes", "correction_reason",
                    "summary", "justeringsperson", "created_at", "approved_at",
                ],
                minutes,
            ),
        )  # fmt: skip
        self.count(
            "minutes_items",
            write_rows(
                MinutesItem,
                [
                    "id", "minutes", "position", "kind", "title", "notes", "decision_intro",
                    "decisions",
                ],
                items,
            ),
        )  # fmt: skip
        self.count(
            "approvals",
            write_rows(
                Approval, ["id", "minutes", "role", "person", "user", "approved_at"], approvals
            ),
        )

    # --- Cases, recommendations, decisions -------------------------------------------------------

    def cases(self) -> None:
        demo = set(self.demo_group_ids)
        giving = [
            pk
            for pk, g in self.rules.items()
            if g.gives_recommendations and self.past_meetings.get(pk)
        ]
        deciding = [
            pk for pk, g in self.rules.items() if g.decides_itself and self.past_meetings.get(pk)
        ]
        any_group = [pk for pk in self.rules if self.members_of.get(pk)]
        n_cases = self.volume["cases"]
        n_recs = min(self.volume["recommendations"], n_cases)
        n_own = round(n_recs * OWN_DECISION_SHARE) if deciding else 0
        rec_owners = self._share(
            n_recs - n_own,
            [pk for pk in giving if pk in demo],
            [pk for pk in giving if pk not in demo],
        ) + self._share(
            n_own,
            [pk for pk in deciding if pk in demo],
            [pk for pk in deciding if pk not in demo],
        )
        plain_owners = self._share(
            n_cases - n_recs,
            [pk for pk in any_group if pk in demo],
            [pk for pk in any_group if pk not in demo],
        )
        serial_start = {
            year: last + 1 for year, last in RegisterCounter.objects.values_list("year", "last")
        }
        for year, top in Case.objects.order_by().values_list("year").annotate(top=Max("serial")):
            serial_start[year] = max(serial_start.get(year, 1), top + 1)
        case_id = next_id(Case)
        rec_id = next_id(Recommendation)
        treatment_id = next_id(Treatment)
        addressee_id = next_id(Addressee)
        decision_id = next_id(PrincipalDecision)
        through = Case.principals.through
        link_id = next_id(through)
        serials: dict[int, int] = dict(serial_start)
        cases, links, treatments, recs, addressees, decisions = [], [], [], [], [], []
        first_decision = FIRST_DECISION_AFTER
        latest_decision = self.today - datetime.timedelta(days=7)
        outcomes = (
            [DecisionOutcome.APPROVED] * 17
            + [DecisionOutcome.PARTLY_APPROVED] * 2
            + [DecisionOutcome.REJECTED]
        )
        coordinator = self.coordinator.pk
        # Per principal: its decision body, who registers (its registrar, or the coordinator on
        # its behalf) and whether that is on behalf.
        registration = {
            pk: (
                self.body_of[pk],
                self.registrar_of.get(pk, coordinator),
                pk not in self.registrar_of,
            )
            for pk in self.body_of
        }

        def new_case(group_id: int, created: datetime.date) -> tuple[int, int, int, int]:
            nonlocal case_id, link_id
            members = self.members_of.get(group_id) or [self.coordinator_person_id]
            submitter = members[case_id % len(members)]
            year = created.year
            serial = serials.get(year, 1)
            serials[year] = serial + 1
            links.append((link_id, case_id, self.principal_of_person[submitter]))
            link_id += 1
            return case_id, year, serial, submitter

        def treatment(case, group, meeting, item, outcome, day, note="", local=None):
            nonlocal treatment_id
            treatments.append(
                (
                    treatment_id, case, group, meeting, item, outcome, None, local, note, day,
                    _at(day, 16), coordinator,
                )
            )  # fmt: skip
            treatment_id += 1

        # Cases with a recommendation.
        for index, group_id in enumerate(rec_owners):
            past = self.past_meetings[group_id]
            meeting_id, day, item_id = past[self.random.randrange(len(past))]
            created = max(FIRST_DAY, day - datetime.timedelta(days=14 + index % 100))
            cid, year, serial, submitter = new_case(group_id, created)
            topic = TOPICS[index % len(TOPICS)]
            own = self.rules[group_id].decides_itself
            status, finished_at, current = CaseStatus.OPEN, None, group_id
            treatment(cid, group_id, None, None, Outcome.RAISED, created)
            treatment(
                cid,
                group_id,
                meeting_id,
                item_id,
                Outcome.DECIDED if own else Outcome.RECOMMENDATION_ADOPTED,
                day,
                note=topic,
            )
            expedited = None
            if own:
                status, finished_at = CaseStatus.FINISHED, _at(day, 12)
            elif day <= self.today - datetime.timedelta(days=10):
                expedited = _at(day + datetime.timedelta(days=3), 14)
            recs.append(
                (
                    rec_id, cid, group_id, meeting_id, item_id, topic,
                    "anta riktlinjen\ninföra den i verksamheten senast inom ett år",
                    day, own, expedited, coordinator if expedited else None,
                )
            )  # fmt: skip
            if not own:
                county = self.counties[self.county_of_group[group_id]]
                last = min(day + datetime.timedelta(days=200), latest_decision)
                span = (last - (day + first_decision)).days
                age = (self.today - day).days
                n_decided = (
                    0
                    if expedited is None or span < 0
                    else min(len(county), len(county) * age // 230)
                )
                last_registered = None
                shift = index % len(county)
                for k, principal_id in enumerate(county):
                    order = (k - shift) % len(county)
                    addressees.append((addressee_id, rec_id, principal_id, order < n_decided))
                    if order < n_decided:
                        decided_on, registered, minutes = _decision_moment(
                            day, span, order, len(county)
                        )
                        outcome = outcomes[(addressee_id * 7) % len(outcomes)]
                        body, registrar, on_behalf = registration[principal_id]
                        decisions.append(
                            (
                                decision_id, addressee_id, outcome, body, decided_on,
                                f"{minutes} {12 + k}",
                                PARTLY_COMMENT if outcome == DecisionOutcome.PARTLY_APPROVED
                                else "",
                                "", registered, registrar, on_behalf,
                            )
                        )  # fmt: skip
                        decision_id += 1
                        if last_registered is None or registered > last_registered:
                            last_registered = registered
                    addressee_id += 1
                if n_decided == len(county) and last_registered is not None:
                    status, finished_at = CaseStatus.FINISHED, last_registered
            cases.append(
                (
                    cid, year, serial, f"{topic} ({self.rules[group_id].slug})",
                    f"{topic}: huvudmännen behöver en gemensam rutin.",
                    "Ta fram en gemensam riktlinje och rekommendera huvudmännen den.",
                    submitter, group_id, "", current, None, status,
                    _at(created, 12), finished_at, None,
                )
            )  # fmt: skip
            case_id += 1
            rec_id += 1

        # Cases without a recommendation: under preparation, or at local level.
        span = (self.today - FIRST_DAY).days
        for index, group_id in enumerate(plain_owners):
            created = FIRST_DAY + datetime.timedelta(days=span * index // max(len(plain_owners), 1))
            cid, year, serial, submitter = new_case(group_id, created)
            topic = TOPICS[(index * 3) % len(TOPICS)]
            treatment(cid, group_id, None, None, Outcome.RAISED, created)
            current, local, status = group_id, None, CaseStatus.OPEN
            municipalities = [
                p
                for p in self.counties[self.county_of_group[group_id]]
                if self.side_of[p] != "region"
            ]
            if index % 10 == 3 and municipalities:
                local = municipalities[index % len(municipalities)]
                current, status = None, CaseStatus.LOCAL
                treatment(cid, None, None, None, Outcome.LOCAL, created, local=local)
            else:
                later = [m for m in self.past_meetings.get(group_id, [])[-3:] if m[1] >= created]
                if later:
                    meeting_id, day, item_id = later[0]
                    treatment(cid, group_id, meeting_id, item_id, Outcome.PREPARED, day)
            cases.append(
                (
                    cid, year, serial, f"{topic} ({self.rules[group_id].slug})",
                    f"{topic}: en fråga från verksamheten som behöver beredas.",
                    "Bereda frågan och föreslå hur huvudmännen kan gå vidare.",
                    submitter, group_id, "", current, local, status,
                    _at(created, 12), None, None,
                )
            )  # fmt: skip
            case_id += 1

        self.count(
            "cases",
            write_rows(
                Case,
                [
                    "id", "year", "serial", "title", "description", "proposal", "submitted_by",
                    "origin_group", "origin_note", "current_group", "local_principal", "status",
                    "created_at", "finished_at", "submission_key",
                ],
                cases,
            ),
        )  # fmt: skip
        cases.clear()
        self.count("case_principals", write_rows(through, ["id", "case", "principal"], links))
        self.count(
            "treatments",
            write_rows(
                Treatment,
                [
                    "id", "case", "group", "meeting", "agenda_item", "outcome", "sent_to",
                    "local_principal", "note", "happened_on", "recorded_at", "recorded_by",
                ],
                treatments,
            ),
        )  # fmt: skip
        treatments.clear()
        self.count(
            "recommendations",
            write_rows(
                Recommendation,
                [
                    "id", "case", "group", "meeting", "agenda_item", "title", "decisions",
                    "adopted_on", "own_decision", "expedited_at", "expedited_by",
                ],
                recs,
            ),
        )  # fmt: skip
        recs.clear()
        self.count(
            "addressees",
            write_rows(Addressee, ["id", "recommendation", "principal", "decided"], addressees),
        )
        addressees.clear()
        self.count(
            "decisions",
            write_rows(
                PrincipalDecision,
                [
                    "id", "addressee", "outcome", "body", "decided_on", "reference", "comment",
                    "document", "registered_at", "registered_by", "on_behalf",
                ],
                decisions,
            ),
        )  # fmt: skip
        decisions.clear()
        for year, next_serial in serials.items():
            RegisterCounter.objects.update_or_create(year=year, defaults={"last": next_serial - 1})

    # --- News and working groups -----------------------------------------------------------------

    def extras(self) -> None:
        n = self.volume["news"]
        span = (self.today - FIRST_DAY).days
        news = NewsItem.objects.bulk_create(
            NewsItem(
                title=f"Nytt om {TOPICS[i % len(TOPICS)].lower()}",
                body=f"**{TOPICS[i % len(TOPICS)]}**: huvudmännen har antagit en ny rutin.",
                published_at=_at(FIRST_DAY + datetime.timedelta(days=span * i // n), 10),
                published_by=self.coordinator,
            )
            for i in range(n)
        )
        groups = [pk for pk in self.rules if self.members_of.get(pk)]
        working_groups = []
        statuses = [
            WorkingGroupStatus.SET_UP,
            WorkingGroupStatus.EXTENDED,
            WorkingGroupStatus.DELIVERED,
            WorkingGroupStatus.CLOSED,
        ]
        for i in range(self.volume["working_groups"]):
            group_id = groups[i % len(groups)]
            set_up = FIRST_DAY + datetime.timedelta(days=span * i // self.volume["working_groups"])
            status = statuses[i % 4]
            due = set_up + datetime.timedelta(days=365)
            working_groups.append(
                WorkingGroup(
                    name=f"Arbetsgrupp {TOPICS[i % len(TOPICS)].lower()} {i + 1}",
                    assignment="Ta fram ett gemensamt underlag och leverera en rapport.",
                    set_up_by_id=group_id,
                    set_up_on=set_up,
                    decision_reference=f"Möte {set_up.isoformat()}, § 4",
                    convener_id=self.members_of[group_id][0],
                    due_on=due,
                    reports_to_id=group_id,
                    status=status,
                    delivered_on=due if status == WorkingGroupStatus.DELIVERED else None,
                    closed_on=due if status == WorkingGroupStatus.CLOSED else None,
                    closing_note="Uppdraget utgick." if status == WorkingGroupStatus.CLOSED else "",
                )
            )
        working_groups = WorkingGroup.objects.bulk_create(working_groups)
        self.count("news", len(news))
        self.count("working_groups", len(working_groups))


# Written by COPY on PostgreSQL (see `foreign_keys_checked_in_bulk`).
BULK_MODELS = [
    Meeting, AgendaItem, Minutes, MinutesItem, Approval, Case, Case.principals.through, Treatment,
    Recommendation, Addressee, PrincipalDecision,
]  # fmt: skip
SEEDED_MODELS = [
    GeographicGrouping, Principal, DecisionBody, Group, Mandate, Person, Membership, User,
    Meeting, AgendaItem, Minutes, MinutesItem, Approval, Case, Case.principals.through, Treatment,
    Recommendation, Addressee, PrincipalDecision, NewsItem, WorkingGroup,
]  # fmt: skip


def seed(scale: float = 1.0, *, log=None) -> SeedReport:
    """Seed `scale` × the national volume on top of the loaded demo (see the module docstring)."""
    started = time.perf_counter()
    report = SeedReport(scale=scale)

    def step(name: str, function) -> None:
        t0 = time.perf_counter()
        function()
        if log:
            log(f"  {name}: {time.perf_counter() - t0:.1f} s")

    if Group.objects.filter(slug__startswith="testgrupp-").exists():
        raise RuntimeError("Databasen har redan bänkdata: seeda en databas med bara demon.")
    with transaction.atomic():
        seeder = _Seeder(scale, log=log)
        step("struktur, ledamöter och konton", seeder.structure)
        with foreign_keys_checked_in_bulk(BULK_MODELS) as bulk:
            step("möten, dagordningar och minnesanteckningar", seeder.meetings)
            step("ärenden, rekommendationer och beslut", seeder.cases)
        if bulk and log:
            log("  (främmande nycklar kontrollerade i klump)")
        step("nyheter och arbetsgrupper", seeder.extras)
        reset_sequences(SEEDED_MODELS)
        step("sökindex", index_seeded_rows)
        # Bulk writes send no signals: pages cached at the demo's volume must not be served.
        bump_version()
        t0 = time.perf_counter()
    if log:
        log(f"  commit: {time.perf_counter() - t0:.1f} s")
    step(
        "VACUUM ANALYZE"
        if connection.vendor == "postgresql" and not connection.in_atomic_block
        else "ANALYZE",
        analyze,
    )
    report.rows = seeder.rows
    report.seconds = time.perf_counter() - started
    return report
