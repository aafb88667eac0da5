"""The audit trail in words: an action's name in Swedish, the object it changed and each
changed field as before → after. Pure functions over stored rows; the model registry gives
the objects' and fields' Swedish names (no app is imported)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

ACTIONS = {
    "meetings.book_meeting": "Bokade ett möte",
    "meetings.reschedule_meeting": "Ändrade tid eller plats för ett möte",
    "meetings.cancel_meeting": "Ställde in ett möte",
    "meetings.add_agenda_item": "Lade till en punkt på dagordningen",
    "meetings.update_agenda_item": "Ändrade en punkt på dagordningen",
    "meetings.move_agenda_item": "Flyttade en punkt på dagordningen",
    "meetings.remove_agenda_item": "Tog bort en punkt från dagordningen",
    "meetings.attach_paper": "Bifogade ett underlag",
    "meetings.send_kallelse": "Skickade kallelse",
    "meetings.create_calendar_feed": "Skapade en personlig kalenderadress",
    "meetings.report_absence": "Anmälde frånvaro",
    "meetings.withdraw_absence": "Återkallade frånvaro",
    "meetings.record_attendance": "Registrerade närvaro",
    "meetings.draft_minutes": "Påbörjade minnesanteckningar",
    "meetings.save_minutes": "Sparade minnesanteckningar",
    "meetings.send_minutes_for_approval": "Skickade minnesanteckningar för justering",
    "meetings.approve_minutes": "Justerade minnesanteckningar",
    "meetings.correct_minutes": "Rättade justerade minnesanteckningar (ny version)",
    "cases.raise_case": "Väckte ett ärende",
    "cases.add_document": "Lade till en handling i ett ärende",
    "cases.route_case": "Bestämde ärendets hemvist",
    "cases.record_treatment": "Registrerade en behandling av ett ärende",
    "cases.put_on_agenda": "Satte ett ärende på dagordningen",
    "cases.adopt_recommendation": "Antog en rekommendation eller ett eget beslut",
    "cases.expedite": "Expedierade en rekommendation till huvudmännen",
    "cases.register_decision": "Registrerade en huvudmans beslut",
    "cases.correct_decision": "Rättade en huvudmans beslut",
    "cases.follow": "Började följa ett ärende",
    "cases.unfollow": "Slutade följa ett ärende",
    "cases.send_reminders": "Skickade påminnelser om beslut",
    "followup.open_survey_round": "Öppnade en enkätomgång",
    "followup.send_survey_reminders": "Skickade påminnelser om enkäten",
    "followup.record_goal_follow_up": "Registrerade uppföljning av ett mål",
    "followup.import_indicators": "Importerade indikatorvärden",
    "workgroups.set_up_working_group": "Tillsatte en arbetsgrupp",
    "workgroups.extend_working_group": "Förlängde en arbetsgrupps uppdrag",
    "workgroups.deliver_report": "Lämnade en arbetsgrupps rapport",
    "workgroups.close_working_group": "Avslutade en arbetsgrupp",
    "structure.create_person": "Lade in en person i strukturen",
    "structure.update_person": "Ändrade en person i strukturen",
    "structure.add_membership": "Gav en person en plats i en grupp",
    "structure.update_membership": "Ändrade en plats i en grupp",
    "structure.end_membership": "Avslutade en plats i en grupp",
    "structure.record_mandate_version": "Registrerade en ny version av en uppdragsbeskrivning",
    "structure.end_mandate_version": "Avslutade en version av en uppdragsbeskrivning",
    "structure.update_mandate": "Ändrade en version av en uppdragsbeskrivning",
    "structure.extend_chair_term": "Registrerade beslut om förlängt ordförandeskap",
    "structure.update_chair_extension": "Ändrade ett beslut om förlängt ordförandeskap",
    "reviews.record_review": "Registrerade en revision",
    "onboarding.report_new_member": "Anmälde en ny ledamot",
    "onboarding.link_person": "Kopplade en ny ledamot till en person",
    "onboarding.complete_step": "Bockade av ett introduktionssteg",
    "onboarding.send_welcome": "Skickade välkomstbrev",
    "news.publish_news": "Publicerade en nyhet",
    "news.save_page": "Sparade en gemensam sida",
    "preparation.propose_item": "Föreslog en punkt till moderorganets dagordning",
    "preparation.move_item": "Flyttade en föreslagen punkt",
    "preparation.remove_item": "Tog bort en föreslagen punkt",
    "preparation.adopt_proposal": "Förde AU:s förslag till dagordningen",
    "desk.send_digests": "Skickade dagliga sammanställningar",
    "desk.set_digest": "Ändrade inställning för daglig sammanställning",
    "api.create_token": "Skapade en API-nyckel",
    "api.revoke_token": "Återkallade en API-nyckel",
    "audit.lift_lockout": "Hävde en spärr av inloggningar",
    "accounts.enrol_second_factor": "Aktiverade tvåstegsverifiering",
    "accounts.replace_second_factor": "Bytte app för tvåstegsverifiering",
}
ADMIN_VERBS = {"add": "Lade till", "change": "Ändrade", "delete": "Tog bort"}
# Names of the summaries' keys (the fields of a model are named by the model itself).
KEYS = {
    "again": "skickad igen",
    "agenda_item": "punkt på dagordningen",
    "agenda_items": "punkter på dagordningen",
    "approved_as": "justerade som",
    "approvers": "justerare",
    "attendance": "närvaro",
    "au_meeting": "AU-möte",
    "calendar_feed_created": "kalenderadress skapad",
    "case current_group": "ärendets hemvist",
    "case status": "ärendets status",
    "case_finished": "ärendet avslutat",
    "correction": "rättelse",
    "count": "antal",
    "created": "nya",
    "decided_on": "beslutsdatum",
    "ended_mandate": "avslutad uppdragsversion",
    "ended_mandate_effective_to": "avslutad uppdragsversion gäller till",
    "extension": "förlängning",
    "failures_lifted": "hävda misslyckade inloggningar",
    "following": "följer",
    "group": "grupp",
    "groups": "grupper",
    "happened_on": "datum",
    "ids": "id",
    "indicators": "indikatorer",
    "invited": "inbjudna",
    "items": "punkter",
    "lock": "spärr",
    "mails": "e-postmottagare",
    "meeting": "möte",
    "note": "notering",
    "outcome": "utfall",
    "people": "kallade",
    "principal": "huvudman",
    "principals": "huvudmän",
    "proposed_items": "föreslagna punkter",
    "reason": "skäl",
    "recipients": "mottagare",
    "reminded": "påminda",
    "rounds": "enkätomgångar",
    "scope": "spärr på",
    "second_factor": "tvåstegsverifiering",
    "sent_on": "skickad",
    "sent_to": "skickat till",
    "status_code": "svarskod (äldre rad)",
    "to": "till",
    "treatment": "behandling",
    "unchanged": "oförändrade",
    "updated": "ändrade",
    "users": "användare",
    "without_registrar": "utan registrator",
}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str
    created: bool  # nothing before: a new value or a summary


def _model(target: str):
    label, _, _ = target.partition(":")
    app_label, _, name = label.partition(".")
    try:
        return apps.get_model(app_label, name)
    except (LookupError, ValueError):
        return None


def action_label(action: str) -> str:
    if action in ACTIONS:
        return ACTIONS[action]
    parts = action.split(".")
    if len(parts) == 4 and parts[0] == "admin" and parts[3] in ADMIN_VERBS:
        try:
            name = apps.get_model(parts[1], parts[2])._meta.verbose_name
        except LookupError:
            name = f"{parts[1]}.{parts[2]}"
        return f"{ADMIN_VERBS[parts[3]]} {name} (admin)"
    return action


def target_label(target: str) -> str:
    """`meetings.Minutes:42` → `minnesanteckningar 42`."""
    model = _model(target)
    if model is None:
        return target
    return f"{model._meta.verbose_name} {target.partition(':')[2]}"


def field_label(target: str, name: str) -> str:
    if name in KEYS:
        return KEYS[name]
    model = _model(target) if target else None
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name.replace("_", " ")


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return "ja"
    if value is False:
        return "nej"
    if isinstance(value, list):
        parts = [f"({value_text(v)})" if isinstance(v, list) else value_text(v) for v in value]
        return ", ".join(parts) or "–"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Summaries whose rows carry a stored choice value: the model field that names its labels
# (an attendance row is [person id, status, replaces id]).
ROW_CHOICES = {"attendance": "meetings.Attendance:status"}


def _choices(target: str, name: str) -> dict:
    """A field's stored choice values and their Swedish labels (`set_up` → `Tillsatt`)."""
    if name in ROW_CHOICES:
        target, _, name = ROW_CHOICES[name].partition(":")
    model = _model(target) if target else None
    if model is None:
        return {}
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    return {value: str(label) for value, label in (getattr(field, "flatchoices", None) or ())}


def _labelled(choices: dict, value: Any) -> Any:
    """`value` with every stored choice value in it, in lists of rows too, as its label."""
    if isinstance(value, list):
        return [_labelled(choices, v) for v in value]
    if isinstance(value, str):
        return choices.get(value, value)
    return value


def _value(choices: dict, value: Any) -> str:
    return value_text(_labelled(choices, value) if choices else value)


def changes(target: str, stored: Any) -> list[Change]:
    if not isinstance(stored, dict):
        return []
    rows = []
    for name, pair in stored.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        choices = _choices(target, name)
        rows.append(
            Change(
                field=field_label(target, name),
                before=_value(choices, before),
                after=_value(choices, after),
                created=before is None,
            )
        )
    return rows
