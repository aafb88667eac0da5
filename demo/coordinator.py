"""Fictional working groups for the coordinator's desk (`load_demo` loads them last).

A few reviews are recorded, so the review overview shows both late and coming ones. Every
working-group state is shown: one late (its report was due 30 October), one extended to early
December, one due before Christmas, one delivered to LSG's next meeting, and one of
Hjälpmedelsrådet's, closed by decision (the council has no coming meeting to deliver to). Two
new members have open onboarding checklists; two news items and the värdegrund page exist;
LSG AU has proposed two items for LSG's December agenda.
Created through the services as the demo coordinator, with the demo's fixed "today".
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from demo.meetings_data import DEMO_TODAY
from lib.dates import TZ
from news import services as news_services
from onboarding import services as onboarding_services
from preparation import services as preparation_services
from reviews import rules as review_rules
from reviews import services as review_services
from structure.models import Group, Membership, Principal
from workgroups import services
from workgroups.models import WorkingGroup

D = datetime.date

WORKING_GROUPS = [
    # name, set up by, reports to, set up on, due on, assignment, what happens next
    (
        "Arbetsgrupp trygg hemgång",
        "lsg",
        "lsg",
        D(2026, 3, 12),
        D(2026, 10, 30),
        "Ta fram en gemensam rutin för trygg hemgång från slutenvården, med ansvarsfördelning "
        "mellan region och kommun.",
        None,
    ),
    (
        "Arbetsgrupp läkemedelsgenomgångar",
        "beredning-vuxna-och-aldre",
        "beredning-vuxna-och-aldre",
        D(2026, 4, 15),
        D(2026, 9, 30),
        "Föreslå hur fördjupade läkemedelsgenomgångar i särskilt boende följs upp länsgemensamt.",
        "extend",
    ),
    (
        "Arbetsgrupp samordnad individuell plan",
        "beredning-barn-och-unga",
        "beredning-barn-och-unga",
        D(2026, 5, 20),
        D(2026, 12, 18),
        "Revidera länets riktlinje för SIP för barn och unga.",
        None,
    ),
    (
        "Arbetsgrupp digitala möten",
        "lsg",
        "lsg",
        D(2026, 2, 5),
        D(2026, 11, 20),
        "Kartlägg hur huvudmännen använder digitala vårdplaneringar och föreslå gemensamma "
        "arbetssätt.",
        "deliver",
    ),
    (
        "Arbetsgrupp förskrivning av rollatorer",
        "hjalpmedelsradet",
        "hjalpmedelsradet",
        D(2026, 3, 3),
        D(2026, 11, 15),
        "Ta fram underlag för gemensamma förskrivningsregler för rollatorer.",
        "deliver",
    ),
]


# Recorded reviews; groups without one count from their mandate's start (so several are late).
REVIEWS = [
    (
        "lsg",
        review_rules.MEETING_FORMS,
        D(2025, 12, 4),
        "Mötesformerna behålls: fyra möten, hybrid.",
    ),
    ("samrad", review_rules.MEETING_FORMS, D(2026, 2, 12), "Ett av mötena hålls digitalt."),
    (
        "beredning-barn-och-unga",
        review_rules.ASSIGNMENT,
        D(2025, 1, 20),
        "Uppdrag och bemanning oförändrade.",
    ),
]


def _members(slug: str) -> list:
    on = DEMO_TODAY
    return [
        m.person
        for m in Membership.objects.current(on)
        .filter(group__slug=slug)
        .select_related("person")
        .order_by("person__last_name")[:3]
    ]


@transaction.atomic
def load_coordinator_demo() -> int:
    if WorkingGroup.objects.exists():
        return 0
    by = User.objects.get(username="koordinator")
    at = datetime.datetime.combine(DEMO_TODAY, datetime.time(8), tzinfo=TZ)
    for name, set_up_by, reports_to, set_up_on, due_on, assignment, then in WORKING_GROUPS:
        people = _members(set_up_by)
        if not people:
            continue
        wg = services.set_up_working_group(
            by=by,
            name=name,
            assignment=assignment,
            set_up_by=Group.objects.get(slug=set_up_by),
            set_up_on=set_up_on,
            decision_reference=f"Minnesanteckningar {set_up_on:%Y-%m-%d} § 5",
            convener=people[0],
            members=people[1:],
            due_on=due_on,
            reports_to=Group.objects.get(slug=reports_to),
            at=at,
        )
        if then == "extend":
            services.extend_working_group(
                working_group=wg,
                by=by,
                new_due_on=D(2026, 12, 1),
                decided_on=D(2026, 9, 17),
                decision_reference="Minnesanteckningar 2026-09-17 § 8",
                at=at,
            )
        elif then == "deliver":
            report = SimpleUploadedFile(
                "rapport.txt",
                f"Rapport från {name}\n\n{assignment}\n".encode(),
                content_type="text/plain",
            )
            try:
                services.deliver_report(working_group=wg, by=by, upload=report, at=at)
            except ValidationError:
                # No coming meeting to report to: the council closes the assignment instead.
                services.close_working_group(
                    working_group=wg,
                    by=by,
                    note="Frågan löstes inom ordinarie förskrivning; ingen rapport behövs.",
                    at=at,
                )
    for slug, kind, held_on, outcome in REVIEWS:
        review_services.record_review(
            by=by,
            group=Group.objects.get(slug=slug),
            kind=kind,
            held_on=held_on,
            outcome=outcome,
            at=at,
        )
    _new_members(by, at)
    _news(by, at)
    _au_proposal()
    return WorkingGroup.objects.count()


def _au_proposal() -> None:
    """LSG AU's November meeting has proposed two items for LSG's December meeting; the
    coordinator has not yet adopted them (one click on the AU meeting's preparation page)."""
    from cases.models import Case, CaseStatus
    from meetings.models import Meeting

    au_meeting = (
        Meeting.objects.filter(group__slug="lsg-au", starts_at__date__lte=DEMO_TODAY)
        .order_by("-starts_at")
        .first()
    )
    case = (
        Case.objects.filter(current_group__slug="lsg", status=CaseStatus.OPEN)
        .order_by("-year", "-serial")
        .first()
    )
    if au_meeting is None:
        return
    chair = User.objects.get(username="ordforande")
    try:
        if case is not None:
            preparation_services.propose_item(
                by=chair, au_meeting=au_meeting, kind="decision", case=case
            )
        preparation_services.propose_item(
            by=chair,
            au_meeting=au_meeting,
            kind="information",
            title="Lägesbild: arbetsgruppernas leveranser",
            description="Koordinatorn redogör för arbetsgrupper som ska leverera till LSG.",
        )
    except ValidationError:
        return


def _news(by: User, at: datetime.datetime) -> None:
    news_services.publish_news(
        by=by,
        title="Ny lag om samverkan vid utskrivning från sluten hälso- och sjukvård",
        body=(
            "Riksdagen har beslutat om ändringar i lagen. **Vad betyder det för oss?**\n\n"
            "- LSG tar upp frågan på decembermötet.\n"
            "- Beredning vuxna och äldre bereder en gemensam rutin."
        ),
        at=at - datetime.timedelta(days=14),
    )
    news_services.publish_news(
        by=by,
        title="Ledningsseminariet 2027 är bokat",
        body="Seminariet hålls i Lycksele. Inbjudan kommer i januari.",
        at=at - datetime.timedelta(days=2),
    )
    news_services.save_page(
        by=by,
        slug="vardegrund",
        title="Gemensam värdegrund",
        body=(
            "Vi utgår från den enskildes behov och arbetar tillsammans över "
            "huvudmannagränserna.\n\n1. Personen i centrum\n2. Helhetssyn\n3. Ansvarstagande"
        ),
        at=at,
    )


def _new_members(coordinator: User, at: datetime.datetime) -> None:
    """Two open checklists: one just reported by LSG's chair, one half-way (the person is in
    the structure and the seat recorded; the introduction is still to be held)."""
    chair = User.objects.get(username="ordforande")
    onboarding_services.report_new_member(
        by=chair,
        group=Group.objects.get(slug="lsg"),
        first_name="Tove",
        last_name="Nyström",
        email="tove.nystrom@example.invalid",
        principal=Principal.objects.get(slug="vannas"),
        kind="ordinary",
        note="Efterträder Vännäs ledamot från 1 december.",
        at=at - datetime.timedelta(days=3),
    )
    seated = (
        Membership.objects.current(DEMO_TODAY)
        .filter(group__slug="beredning-vuxna-och-aldre", start_date__gte=D(2026, 1, 1))
        .exclude(person__email="")
        .select_related("person__principal")
        .first()
        or Membership.objects.current(DEMO_TODAY)
        .filter(group__slug="beredning-vuxna-och-aldre")
        .exclude(person__email="")
        .select_related("person__principal")
        .last()
    )
    if seated is None:
        return
    who = seated.person
    new_member = onboarding_services.report_new_member(
        by=coordinator,
        group=seated.group,
        first_name=who.first_name,
        last_name=who.last_name,
        email=who.email,
        principal=who.principal,
        kind=seated.kind,
        at=at - datetime.timedelta(days=20),
    )
    onboarding_services.link_person(by=coordinator, new_member=new_member, person=who, at=at)
    onboarding_services.complete_step(
        by=coordinator, new_member=new_member, step="membership", at=at
    )
