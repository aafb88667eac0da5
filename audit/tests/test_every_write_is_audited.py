"""Every write a user can make through a page or the API leaves an audit row with the acting
user, written by the service in the write's own transaction.

The test walks the URL configuration: every view that accepts POST must have a case below (or
a stated reason to be left out), so a write view added later without a case fails here."""

from __future__ import annotations

import datetime
import inspect
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import User
from api import tokens
from audit.models import AuditEvent, EventKind
from audit.tests.pages import form_data
from cases import services as case_services
from followup import services as followup_services
from followup.models import Indicator, Priority, Unit
from meetings import services as meeting_services
from meetings.models import Meeting
from onboarding import services as onboarding_services
from preparation import services as preparation_services
from reviews import services as review_services
from structure.models import DecisionBody, Membership, MembershipKind, Principal
from testing import builders
from testing.attack_world import pdf_upload
from workgroups import services as workgroup_services

# Views that accept POST but make no write of their own to audit, and why.
NOT_AUDITED_HERE = {
    "login": "a sign-in: recorded as a sign-in event (test_sign_in_events)",
    "logout": "a sign-out: recorded as a sign-out event (test_sign_in_events)",
    "otp_verify": "the second step of a sign-in; writes nothing of the domain",
    "otp_setup": "a second factor enrolled: recorded by its signal (accounts test_two_factor)",
    "password_reset": "anonymous: mails a reset link",
    "password_reset_confirm": "anonymous: sets one's own password from a mailed link",
    "followup:survey_answer": "anonymous on purpose: records nothing (test_survey_answer)",
}


@dataclass
class Post:
    user: str
    url: str
    action: str
    data: dict = field(default_factory=dict)
    status: tuple[int, ...] = (302,)


def page_form(user: str, page: str, action: str, **values) -> dict:
    """The form on `page` that posts to `action`, as the page fills it, with `values` typed in."""
    client = Client()
    client.force_login(User.objects.get(username=user))
    return {**form_data(client.get(page).content.decode(), action, page=page), **values}


def in_weeks(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(weeks=n)).isoformat()


def days_ago(n: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=n)).isoformat()


# --- Meetings -------------------------------------------------------------------------------


def meeting_create(w):
    data = {
        "group": w.lsg.pk,
        "date": "2027-05-20",
        "start": "09:00",
        "end": "12:00",
        "form": "in_person",
        "location": "Regionens hus",
        "is_public": "on",
    }
    return Post("koordinator", reverse("meetings:meeting_create"), "meetings.book_meeting", data)


def plan_year_book(w):
    """Next year from this year's LSG meetings: the preview's form, its first row kept."""
    page = f"{reverse('meetings:plan_year')}?ar=2027&grupp={w.lsg.pk}"
    data = page_form("koordinator", page, reverse("meetings:plan_year_book"))
    data |= {f"form-{i}-DELETE": "on" for i in range(1, int(data["form-TOTAL_FORMS"]))}
    return Post("koordinator", reverse("meetings:plan_year_book"), "meetings.book_meeting", data)


def agenda_item_add(w):
    url = reverse("meetings:agenda_item_add", args=[w.m_draft.pk])
    data = {"kind": "information", "title": "Läget"}
    return Post("koordinator", url, "meetings.add_agenda_item", data)


def agenda_item_edit(w):
    url = reverse("meetings:agenda_item_edit", args=[w.m_draft.pk, w.item.pk])
    data = {"kind": "decision", "title": "Ny rubrik", "description": "d", "proposal": "p"}
    return Post("koordinator", url, "meetings.update_agenda_item", data)


def agenda_item_remove(w):
    url = reverse("meetings:agenda_item_remove", args=[w.m_draft.pk, w.item.pk])
    return Post("koordinator", url, "meetings.remove_agenda_item", {"confirm": "on"})


def agenda_item_up(w):
    url = reverse("meetings:agenda_item_up", args=[w.m_draft.pk])
    return Post("koordinator", url, "meetings.move_agenda_item", {"item": w.item.pk})


def agenda_item_down(w):
    url = reverse("meetings:agenda_item_down", args=[w.m_draft.pk])
    return Post("koordinator", url, "meetings.move_agenda_item", {"item": w.item.pk})


def paper_attach(w):
    url = reverse("meetings:paper_attach", args=[w.m_draft.pk])
    data = {"item": w.item.pk, "title": "Rutin", "file": pdf_upload("rutin.pdf")}
    return Post("koordinator", url, "meetings.attach_paper", data)


def meeting_reschedule(w):
    url = reverse("meetings:meeting_reschedule", args=[w.m_closed.pk])
    data = {
        "tid-date": "2027-03-12",
        "tid-start": "13:00",
        "tid-end": "15:00",
        "tid-form": "in_person",
        "tid-location": "Skellefteå",
    }
    return Post("koordinator", url, "meetings.reschedule_meeting", data)


def meeting_cancel(w):
    url = reverse("meetings:meeting_cancel", args=[w.m_closed.pk])
    return Post("koordinator", url, "meetings.cancel_meeting", {"confirm": "on"})


def kallelse_send(w):
    url = reverse("meetings:kallelse_send", args=[w.m_closed.pk])
    return Post("koordinator", url, "meetings.send_kallelse")


def _held(meeting):
    """Attendance and minutes are written from the meeting's start: move it to last month."""
    start = timezone.now() - datetime.timedelta(days=30)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )


def attendance_record(w):
    _held(w.m_closed)
    url = reverse("meetings:attendance_record", args=[w.m_closed.pk])
    manage = reverse("meetings:meeting_manage", args=[w.m_closed.pk])
    data = page_form("koordinator", manage, url)
    return Post("koordinator", url, "meetings.record_attendance", data)


def minutes_start(w):
    _held(w.m_closed)
    url = reverse("meetings:minutes_start", args=[w.m_closed.pk])
    return Post("koordinator", url, "meetings.draft_minutes")


def report_absence(w):
    url = reverse("meetings:report_absence", args=[w.m_draft.pk])
    return Post("ledamot", url, "meetings.report_absence", {"note": "Semester"})


def withdraw_absence(w):
    membership = w.ledamot.person.memberships.get(group=w.m_draft.group)
    meeting_services.report_absence(meeting=w.m_draft, membership=membership, by=w.ledamot)
    url = reverse("meetings:withdraw_absence", args=[w.m_draft.pk])
    return Post("ledamot", url, "meetings.withdraw_absence")


def calendar_feed_create(w):
    url = reverse("meetings:calendar_feed_create")
    return Post("ledamot", url, "meetings.create_calendar_feed")


def minutes_save(w):
    """ "Spara och skicka för justering": the save and the send, each audited."""
    _held(w.m_draft)
    url = reverse("meetings:minutes_save", args=[w.draft.pk])
    edit = reverse("meetings:minutes_edit", args=[w.draft.pk])
    data = page_form(
        "koordinator",
        edit,
        url,
        summary="Ordföranden öppnade mötet.",
        justeringsperson=w.checker.pk,
        without_attendance="on",
        steg="skicka",
    )
    return Post("koordinator", url, "meetings.send_minutes_for_approval", data)


def minutes_approve(w):
    url = reverse("meetings:minutes_approve", args=[w.pending.pk])
    return Post("ordforande", url, "meetings.approve_minutes", {"confirm": "on"})


def minutes_correct(w):
    url = reverse("meetings:minutes_correct", args=[w.approved.pk])
    return Post("koordinator", url, "meetings.correct_minutes", {"reason": "Fel datum"})


# --- Cases ----------------------------------------------------------------------------------


def case_create(w):
    url = reverse("cases:case_create")
    data = page_form(
        "koordinator",
        url,
        url,
        group=w.lsg.pk,
        title="Trygg hemgång",
        description="Beskrivning",
        proposal="Förslag",
        submitted_by=w.ledamot.person_id,
    )
    return Post("koordinator", url, "cases.raise_case", data)


def _case_action(name, case, action, user="koordinator", **values):
    url = reverse(f"cases:{name}", args=[case.pk])
    data = page_form(user, case.get_absolute_url(), url, **values)
    return Post(user, url, action, data)


def case_route(w):
    return _case_action(
        "case_route", w.case_samrad, "cases.route_case", **{"route-group": w.lsg.pk}
    )


def case_treat(w):
    group = w.case_ps.current_group_id
    values = {"treat-group": group, "treat-outcome": "tabled", "treat-note": "Bordlagt"}
    return _case_action("case_treat", w.case_ps, "cases.record_treatment", **values)


def case_agenda(w):
    values = {"agenda-meeting": w.m_draft.pk}
    return _case_action("case_agenda", w.case_lsg, "cases.put_on_agenda", **values)


def case_adopt(w):
    values = {
        "adopt-meeting": w.m_pending.pk,
        "adopt-title": "Rekommendation",
        "adopt-decisions": "att anta rutinen",
    }
    return _case_action("case_adopt", w.case_lsg, "cases.adopt_recommendation", **values)


def case_add_document(w):
    url = reverse("cases:case_add_document", args=[w.case_lsg.pk])
    data = {"document-title": "Bilaga", "document-document": pdf_upload("bilaga2.pdf")}
    return Post("koordinator", url, "cases.add_document", data)


def case_follow(w):
    url = reverse("cases:case_follow", args=[w.case_lsg.pk])
    return Post("ledamot", url, "cases.follow")


def case_unfollow(w):
    case_services.follow(case=w.case_lsg, by=w.ledamot)
    url = reverse("cases:case_unfollow", args=[w.case_lsg.pk])
    return Post("ledamot", url, "cases.unfollow")


def expedite(w):
    url = reverse("cases:expedite", args=[w.rec_hidden.pk])
    return Post("koordinator", url, "cases.expedite")


def _decision(addressee, **extra):
    return {
        "outcome": "approved",
        "body": DecisionBody.objects.filter(principal=addressee.principal).first().pk,
        "decided_on": days_ago(10),
        "reference": "§ 12",
        **extra,
    }


def register_decision(w):
    url = reverse("cases:register_decision", args=[w.public_region.pk])
    data = _decision(w.public_region)
    return Post("registrator-region", url, "cases.register_decision", data)


def correct_decision(w):
    registrar = User.objects.get(username="registrator-umea")
    values = _decision(w.public_umea)
    values["body"] = DecisionBody.objects.get(pk=values["body"])
    values["decided_on"] = datetime.date.fromisoformat(values["decided_on"])
    case_services.register_decision(addressee=w.public_umea, by=registrar, **values)
    url = reverse("cases:correct_decision", args=[w.public_umea.pk])
    data = _decision(w.public_umea, reference="§ 13", reason="Fel paragraf")
    return Post("registrator-umea", url, "cases.correct_decision", data)


# --- Follow-up, working groups, reviews, onboarding, news, preparation, desk, tokens ---------


def open_round(w):
    data = {
        "title": "Enkät",
        "year": timezone.localdate().year,
        "closes_on": in_weeks(4),
        "scale_max": 5,
        "satisfied_from": 4,
        "groups": [w.lsg.pk],
    }
    preview = followup_services.preview_survey_round(
        by=w.coord,
        title="Enkät",
        closes_on=datetime.date.fromisoformat(data["closes_on"]),
        groups=[w.lsg],
    )
    data |= {"confirm": "on", "fingerprint": preview.fingerprint}
    return Post("koordinator", reverse("followup:open_round"), "followup.open_survey_round", data)


def send_reminders(w):
    followup_services.open_survey_round(
        by=w.coord,
        title="Enkät",
        year=2026,
        closes_on=timezone.localdate() + datetime.timedelta(days=20),
        groups=[w.lsg],
    )
    url = reverse("followup:send_reminders")
    fingerprint = followup_services.preview_survey_reminders(by=w.coord).fingerprint
    data = {"confirm": "on", "fingerprint": fingerprint}
    return Post("koordinator", url, "followup.send_survey_reminders", data)


def record_follow_up(w):
    indicator = Indicator.objects.create(code="U1", name="I", unit=Unit.PERCENT, source="Kolada")
    priority = Priority.objects.create(title="P", decided_on=datetime.date(2025, 3, 1))
    goal = priority.goals.create(
        indicator=indicator,
        baseline_year=2024,
        baseline_value=10,
        target_value=20,
        target_year=2027,
    )
    data = {"goal": goal.pk, "year": 2026, "decision": "keep", "note": ""}
    url = reverse("followup:record_follow_up")
    return Post("koordinator", url, "followup.record_goal_follow_up", data)


def _working_group(w):
    return workgroup_services.set_up_working_group(
        by=w.coord,
        name="Arbetsgrupp",
        assignment="Ta fram en rutin",
        set_up_by=w.lsg,
        set_up_on=datetime.date(2026, 6, 1),
        decision_reference="LSG § 3",
        convener=w.ledamot.person,
        due_on=datetime.date(2027, 6, 1),
        reports_to=w.lsg,
    )


def workgroups_create(w):
    data = {
        "name": "Arbetsgrupp",
        "assignment": "Ta fram en rutin",
        "set_up_by": w.lsg.pk,
        "set_up_on": "2026-06-01",
        "decision_reference": "LSG § 3",
        "convener": w.ledamot.person_id,
        "due_on": "2027-06-01",
        "reports_to": w.lsg.pk,
    }
    url = reverse("workgroups:create")
    return Post("koordinator", url, "workgroups.set_up_working_group", data)


def workgroups_extend(w):
    url = reverse("workgroups:extend", args=[_working_group(w).pk])
    data = {"new_due_on": "2027-09-01", "decided_on": days_ago(1), "decision_reference": "§ 9"}
    return Post("koordinator", url, "workgroups.extend_working_group", data)


def workgroups_deliver(w):
    url = reverse("workgroups:deliver", args=[_working_group(w).pk])
    data = {"file": pdf_upload("rapport.pdf"), "title": "Rapport"}
    return Post("koordinator", url, "workgroups.deliver_report", data)


def workgroups_close(w):
    url = reverse("workgroups:close", args=[_working_group(w).pk])
    return Post("koordinator", url, "workgroups.close_working_group", {"note": "Klar"})


def reviews_record(w):
    data = {
        "group": w.lsg.pk,
        "kind": review_services.duties_of(w.lsg)[0].kind,
        "held_on": days_ago(3),
        "outcome": "Uppdraget gäller",
    }
    return Post("koordinator", reverse("reviews:record"), "reviews.record_review", data)


def _new_member(w):
    return onboarding_services.report_new_member(
        by=w.ledamot,
        group=w.lsg,
        first_name="Nina",
        last_name="Ny",
        email="nina@test.example",
        principal=w.umea,
        kind=MembershipKind.ORDINARY,
    )


def onboarding_report_send(w):
    data = {
        "group": w.lsg.pk,
        "first_name": "Nina",
        "last_name": "Ny",
        "email": "nina@test.example",
        "principal": w.umea.pk,
        "kind": "ordinary",
    }
    url = reverse("onboarding:report_send")
    return Post("ledamot", url, "onboarding.report_new_member", data)


def onboarding_link(w):
    url = reverse("onboarding:link", args=[_new_member(w).pk])
    data = {"person": w.ledamot.person_id}
    return Post("koordinator", url, "onboarding.link_person", data)


def onboarding_step(w):
    url = reverse("onboarding:step", args=[_new_member(w).pk])
    return Post("koordinator", url, "onboarding.complete_step", {"step": "introduction"})


def onboarding_welcome(w):
    new_member = _new_member(w)
    onboarding_services.link_person(by=w.coord, new_member=new_member, person=w.ledamot.person)
    url = reverse("onboarding:welcome", args=[new_member.pk])
    return Post("koordinator", url, "onboarding.send_welcome")


def _new_seat(w, **values):
    """A new person's ordinary seat in LSG for a municipality that has none there yet."""
    seated = Membership.objects.filter(group=w.lsg, kind="ordinary").values("person__principal")
    free = Principal.objects.filter(side="municipality").exclude(pk__in=seated).first()
    return {
        "first_name": "Nora",
        "last_name": "Ny",
        "principal": free.pk,
        "email": "nora@test.example",
        "group": w.lsg.pk,
        "kind": "ordinary",
        "start_date": timezone.localdate().isoformat(),
        **values,
    }


def seat_fill(w):
    url = reverse("structure:seat_fill")
    return Post("koordinator", url, "structure.add_membership", _new_seat(w))


def _ledamot_seat(w):
    return w.ledamot.person.memberships.filter(group=w.lsg, kind="ordinary").first()


def seat_end(w):
    seat = Membership.objects.filter(group=w.lsg, kind="ordinary", substitutes__isnull=True)[0]
    url = reverse("structure:seat_end", args=[seat.pk])
    data = {"end_date": timezone.localdate().isoformat()}
    return Post("koordinator", url, "structure.end_membership", data)


def seat_substitute(w):
    seat = _ledamot_seat(w)
    url = reverse("structure:seat_substitute", args=[seat.pk])
    sune = builders.person("Sune", last_name="Sökbar", principal=seat.person.principal.slug)
    data = {"sok": "Sökbar", "person": sune.pk, "start_date": in_weeks(1)}
    return Post("koordinator", url, "structure.add_membership", data)


def onboarding_seat(w):
    url = reverse("onboarding:seat", args=[_new_member(w).pk])
    return Post("koordinator", url, "structure.add_membership", _new_seat(w))


def news_create(w):
    data = {"title": "Nyhet", "body": "Text"}
    return Post("koordinator", reverse("news:create"), "news.publish_news", data)


def news_page_save(w):
    url = reverse("news:page_save", args=["riktlinjer"])
    return Post("koordinator", url, "news.save_page", {"title": "Riktlinjer", "body": "Text"})


def _news_item(w):
    from news.models import NewsItem

    return NewsItem.objects.create(
        title="Nyhet", body="Text", published_at=timezone.now(), published_by=w.coord
    )


def news_update(w):
    url = reverse("news:update", args=[_news_item(w).pk])
    return Post("koordinator", url, "news.edit_news", {"title": "Ändrad", "body": "Text"})


def news_withdraw(w):
    url = reverse("news:withdraw", args=[_news_item(w).pk])
    return Post("koordinator", url, "news.withdraw_news", {"confirm": "on"})


INDICATOR_DATA = {"code": "U2", "name": "I", "unit": "percent", "source": "Kolada"}
PRIORITY_DATA = {"title": "P", "decided_on": "2025-03-01", "active": "on"}
AGREEMENT_DATA = {
    "kind": "regional",
    "title": "Ö",
    "what": "a",
    "how": "b",
    "when": "c",
    "functions": "d",
}


def _indicator(code="U1"):
    return Indicator.objects.create(code=code, name="I", unit=Unit.PERCENT, source="Kolada")


def _priority():
    return Priority.objects.create(title="P", decided_on=datetime.date(2025, 3, 1))


def _goal_data():
    return {
        "priority": _priority().pk,
        "indicator": _indicator("U3").pk,
        "area": "0024",
        "baseline_year": 2024,
        "baseline_value": 10,
        "target_value": 20,
        "target_year": 2027,
    }


def content_indicator_create(w):
    url = reverse("followup:content_indicator_create")
    return Post("koordinator", url, "followup.save_indicator", INDICATOR_DATA)


def content_indicator_update(w):
    url = reverse("followup:content_indicator_update", args=[_indicator().pk])
    return Post("koordinator", url, "followup.save_indicator", INDICATOR_DATA)


def content_priority_create(w):
    url = reverse("followup:content_priority_create")
    return Post("koordinator", url, "followup.save_priority", PRIORITY_DATA)


def content_priority_update(w):
    url = reverse("followup:content_priority_update", args=[_priority().pk])
    return Post("koordinator", url, "followup.save_priority", PRIORITY_DATA | {"title": "Q"})


def content_priority_end(w):
    url = reverse("followup:content_priority_end", args=[_priority().pk])
    return Post("koordinator", url, "followup.end_priority", {"confirm": "on"})


def content_goal_create(w):
    url = reverse("followup:content_goal_create")
    return Post("koordinator", url, "followup.save_goal", _goal_data())


def content_goal_update(w):
    data = _goal_data()
    goal = Priority.objects.get(pk=data["priority"]).goals.create(
        indicator_id=data["indicator"],
        baseline_year=2024,
        baseline_value=10,
        target_value=15,
        target_year=2027,
    )
    url = reverse("followup:content_goal_update", args=[goal.pk])
    return Post("koordinator", url, "followup.save_goal", data)


def content_agreement_create(w):
    url = reverse("followup:content_agreement_create")
    return Post("koordinator", url, "followup.save_agreement", AGREEMENT_DATA)


def content_agreement_update(w):
    from followup.models import Agreement

    agreement = Agreement.objects.create(
        kind="regional", title="Ö", what="a", how="b", when="c", functions="x"
    )
    url = reverse("followup:content_agreement_update", args=[agreement.pk])
    return Post("koordinator", url, "followup.save_agreement", AGREEMENT_DATA)


def _au(w):
    return w.au_minutes.meeting


def _proposed(w, title="Förslag"):
    return preparation_services.propose_item(
        by=w.coord, au_meeting=_au(w), kind="information", title=title
    )


def preparation_propose(w):
    url = reverse("preparation:propose", args=[_au(w).pk])
    data = {"kind": "information", "title": "Läget", "description": ""}
    return Post("koordinator", url, "preparation.propose_item", data)


def preparation_propose_case(w):
    url = reverse("preparation:propose_case", args=[_au(w).pk])
    return Post("koordinator", url, "preparation.propose_item", {"case": w.case_lsg.pk})


def preparation_move(w):
    first = _proposed(w, "Först")
    _proposed(w, "Sedan")
    url = reverse("preparation:move", args=[_au(w).pk, first.pk])
    return Post("koordinator", url, "preparation.move_item", {"direction": "1"})


def preparation_remove(w):
    url = reverse("preparation:remove", args=[_au(w).pk, _proposed(w).pk])
    return Post("koordinator", url, "preparation.remove_item")


def preparation_adopt(w):
    _proposed(w)
    url = reverse("preparation:adopt", args=[_au(w).pk])
    return Post("koordinator", url, "preparation.adopt_proposal")


def digest_setting(w):
    url = reverse("desk:digest_setting")
    return Post("ledamot", url, "desk.set_digest", {})


def _desk_duty_key() -> str:
    from desk import selectors as desk_selectors

    return desk_selectors.all_duties(timezone.localdate())[0].key


def desk_acknowledge(w):
    data = {"key": _desk_duty_key(), "reason": "Tas upp på nästa möte"}
    return Post("koordinator", reverse("desk:acknowledge"), "desk.acknowledge_duty", data)


def desk_snooze(w):
    until = timezone.localdate() + datetime.timedelta(days=7)
    data = {"key": _desk_duty_key(), "reason": "Väntar på beslut", "until": f"{until}"}
    return Post("koordinator", reverse("desk:snooze"), "desk.snooze_duty", data)


def token_create(w):
    url = reverse("api:token_create")
    return Post("ledamot", url, "api.create_token", {"name": "Diariet"}, status=(201,))


def token_revoke(w):
    token, _ = tokens.create_token(
        user=w.ledamot, name="Diariet", expires_on=None, now=timezone.now()
    )
    url = reverse("api:token_revoke", args=[token.pk])
    return Post("ledamot", url, "api.revoke_token")


def lockout_lift(w):
    data = {"scope": "account", "value": "kim"}
    return Post("koordinator", reverse("audit:lockout_lift"), "audit.lift_lockout", data)


def archive_export(w):
    meeting = builders.meeting("lsg", datetime.date(timezone.localdate().year - 1, 3, 5))
    data = {"group": meeting.group_id, "year": meeting.local_date.year}
    return Post("koordinator", reverse("archive:export"), "archive.export_year", data)


CASES = {
    "archive:export": archive_export,
    "meetings:meeting_create": meeting_create,
    "meetings:plan_year_book": plan_year_book,
    "meetings:agenda_item_add": agenda_item_add,
    "meetings:agenda_item_edit": agenda_item_edit,
    "meetings:agenda_item_remove": agenda_item_remove,
    "meetings:agenda_item_up": agenda_item_up,
    "meetings:agenda_item_down": agenda_item_down,
    "meetings:paper_attach": paper_attach,
    "meetings:meeting_reschedule": meeting_reschedule,
    "meetings:meeting_cancel": meeting_cancel,
    "meetings:kallelse_send": kallelse_send,
    "meetings:attendance_record": attendance_record,
    "meetings:minutes_start": minutes_start,
    "meetings:report_absence": report_absence,
    "meetings:withdraw_absence": withdraw_absence,
    "meetings:calendar_feed_create": calendar_feed_create,
    "meetings:minutes_save": minutes_save,
    "meetings:minutes_approve": minutes_approve,
    "meetings:minutes_correct": minutes_correct,
    "cases:case_create": case_create,
    "cases:case_route": case_route,
    "cases:case_treat": case_treat,
    "cases:case_agenda": case_agenda,
    "cases:case_adopt": case_adopt,
    "cases:case_add_document": case_add_document,
    "cases:case_follow": case_follow,
    "cases:case_unfollow": case_unfollow,
    "cases:expedite": expedite,
    "cases:register_decision": register_decision,
    "cases:correct_decision": correct_decision,
    "followup:open_round": open_round,
    "followup:send_reminders": send_reminders,
    "followup:record_follow_up": record_follow_up,
    "workgroups:create": workgroups_create,
    "workgroups:extend": workgroups_extend,
    "workgroups:deliver": workgroups_deliver,
    "workgroups:close": workgroups_close,
    "reviews:record": reviews_record,
    "onboarding:report_send": onboarding_report_send,
    "onboarding:link": onboarding_link,
    "onboarding:step": onboarding_step,
    "onboarding:welcome": onboarding_welcome,
    "onboarding:seat": onboarding_seat,
    "structure:seat_fill": seat_fill,
    "structure:seat_end": seat_end,
    "structure:seat_substitute": seat_substitute,
    "news:create": news_create,
    "news:page_save": news_page_save,
    "news:update": news_update,
    "news:withdraw": news_withdraw,
    "followup:content_indicator_create": content_indicator_create,
    "followup:content_indicator_update": content_indicator_update,
    "followup:content_priority_create": content_priority_create,
    "followup:content_priority_update": content_priority_update,
    "followup:content_priority_end": content_priority_end,
    "followup:content_goal_create": content_goal_create,
    "followup:content_goal_update": content_goal_update,
    "followup:content_agreement_create": content_agreement_create,
    "followup:content_agreement_update": content_agreement_update,
    "preparation:propose": preparation_propose,
    "preparation:propose_case": preparation_propose_case,
    "preparation:move": preparation_move,
    "preparation:remove": preparation_remove,
    "preparation:adopt": preparation_adopt,
    "desk:digest_setting": digest_setting,
    "desk:acknowledge": desk_acknowledge,
    "desk:snooze": desk_snooze,
    "api:token_create": token_create,
    "api:token_revoke": token_revoke,
    "audit:lockout_lift": lockout_lift,
}


# --- Finding the write views ----------------------------------------------------------------


def _accepts_post(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    try:
        source = inspect.getsource(inspect.unwrap(callback))
    except (TypeError, OSError):
        return False  # not a function (a feed object): it answers GET only
    return "POST" in source or "_posted(" in source


def post_views(patterns=None, namespace=""):
    """Qualified names of every URL whose view accepts POST (the admin and the API, which
    route by other means, are checked in their own tests)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or "ninja" in type(pattern.urlconf_name).__module__:
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from post_views(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if getattr(pattern.callback, "__module__", "").startswith("ninja"):
                continue
            if _accepts_post(pattern.callback):
                yield namespace + pattern.name


def test_every_view_that_accepts_post_has_a_case_or_a_reason():
    found = set(post_views())
    assert found == set(CASES) | set(NOT_AUDITED_HERE), (
        f"without a case: {sorted(found - set(CASES) - set(NOT_AUDITED_HERE))}; "
        f"cases of no such view: {sorted(set(CASES) - found)}"
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_write_through_a_page_leaves_an_audit_row_with_the_acting_user(world, media, name):
    post = CASES[name](SimpleNamespace(**vars(world)))
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client = Client()
    user = User.objects.get(username=post.user)
    client.force_login(user)
    response = client.post(post.url, post.data)
    assert response.status_code in post.status, response.content.decode()[:3000]
    rows = list(AuditEvent.objects.filter(pk__gt=last, kind=EventKind.WRITE))
    assert [(r.action, r.route) for r in rows if r.action == post.action] == [
        (post.action, name)
    ], [(r.action, r.user_id, r.route) for r in rows]
    # Every row of the request (a service may call another) names the same actor.
    assert {(r.user_id, r.username) for r in rows} == {(user.pk, user.username)}
    assert all(r.ip_address == "127.0.0.1" for r in rows)


def test_the_api_write_leaves_an_audit_row_with_the_token_owner(world, token_for):
    token = token_for("registrator-region")
    payload = _decision(world.public_region)
    payload["principal"] = world.public_region.principal.code
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = Client().post(
        f"/api/v1/recommendations/{world.rec_public.pk}/decisions",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    write = AuditEvent.objects.get(pk__gt=last, kind=EventKind.WRITE)
    assert (write.action, write.username) == ("cases.register_decision", "registrator-region")
    assert write.route and "/" not in write.route


@pytest.fixture
def token_for():
    def token_for(username: str) -> str:
        user = User.objects.get(username=username)
        _, full = tokens.create_token(
            user=user, name="Diariet", expires_on=None, now=timezone.now(), scope="register"
        )
        return full

    return token_for
