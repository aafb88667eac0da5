"""OParl 1.1 objects built from the public reads of the domain apps.

Decisions (see README, "OParl"):
- One `Body` for the whole collaboration structure.
- `Organization` for every group (organizationType "Gremium") and for every principal
  (organizationType "Institution"); a `Membership`'s `onBehalfOf` is the principal the person
  represents, since OParl means the body a member sits for (e.g. a faction).
- `role` is the kind of seat in Swedish (Ordinarie ledamot, Ersättare, Adjungerad, Inbjuden
  gäst), with chair/vice chair appended; `votingRight` is true for ordinary members only.
- `Meeting`s are the public calendar; `AgendaItem`s are the items of the meeting's approved,
  public minutes (a draft agenda is never public); the minutes PDF is the `File`/
  `resultsProtocol`. `Location` is the meeting's place. The video link is never published.
- `Paper` is an expedited recommendation; a `Consultation` is each treatment on its case's
  path (outcome as `role`, without the internal notes).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from lib.site import absolute_url
from meetings.models import Meeting, Minutes
from structure.county import CountyFacts
from structure.models import Group, Membership, MembershipKind, Person, Position, Principal

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_KEY = "samverkan"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
ROLE_LABELS = dict(MembershipKind.choices)
POSITION_LABELS = {Position.CHAIR: "ordförande", Position.VICE_CHAIR: "vice ordförande"}


class Urls:
    """Absolute ids of OParl objects on the configured site address (`SITE_URL`), never the
    request's Host header: an id is the same whoever asks."""

    def __call__(self, name: str, *args) -> str:
        return absolute_url(reverse(f"oparl:{name}", args=args))

    def web(self, path: str) -> str:
        return absolute_url(path)

    def body(self) -> str:
        return self("body", BODY_KEY)

    def group(self, group_id: int) -> str:
        return self("organization", f"grupp-{group_id}")

    def principal(self, principal_id: int) -> str:
        return self("organization", f"huvudman-{principal_id}")


def _local(dt):
    return timezone.localtime(dt).isoformat() if dt else None


def _clean(data: dict) -> dict:
    """Leaves out what has no value: None and, as OParl asks, empty lists."""
    return {k: v for k, v in data.items() if v is not None and v != []}


def stamps(created, modified) -> dict:
    """`created` and `modified` (§3.1: on every object), ISO 8601 with the time zone."""
    return {"created": _local(created), "modified": _local(modified)}


def _stamps(obj) -> dict:
    return stamps(obj.created_at, obj.updated_at)


def system(urls: Urls, county: CountyFacts, body_stamps: dict) -> dict:
    return {
        "id": urls("system"),
        "type": SCHEMA + "System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "name": county.collaboration_name,
        "body": urls("body_list"),
        "license": LICENSE,
        "website": urls.web("/"),
        "web": urls.web("/data/"),
        **body_stamps,
    }


def legislative_term(urls: Urls, period) -> dict:
    return _clean(
        {
            "id": urls("legislativeterm", period.pk),
            "type": SCHEMA + "LegislativeTerm",
            "body": urls.body(),
            "name": period.name,
            "startDate": period.effective_from.isoformat(),
            "endDate": period.effective_to.isoformat() if period.effective_to else None,
            **_stamps(period),
        }
    )


def body(urls: Urls, periods, county: CountyFacts, body_stamps: dict) -> dict:
    """`body_stamps`: the county row's `created`/`modified` (the Body is the structure)."""
    return _clean(
        {
            "id": urls.body(),
            "type": SCHEMA + "Body",
            "system": urls("system"),
            "name": county.structure_title,
            "shortName": "Samverkan",
            "website": urls.web("/"),
            "license": LICENSE,
            "classification": "Regional samverkansstruktur",
            "organization": urls("organization_list", BODY_KEY),
            "person": urls("person_list", BODY_KEY),
            "meeting": urls("meeting_list", BODY_KEY),
            "paper": urls("paper_list", BODY_KEY),
            "agendaItem": urls("agendaitem_list", BODY_KEY),
            "consultation": urls("consultation_list", BODY_KEY),
            "file": urls("file_list", BODY_KEY),
            "locationList": urls("location_list", BODY_KEY),
            "membership": urls("membership_list", BODY_KEY),
            "legislativeTermList": urls("legislativeterm_list", BODY_KEY),
            "legislativeTerm": [legislative_term(urls, p) for p in periods],
            "web": urls.web("/"),
            **body_stamps,
        }
    )


def group_organization(urls: Urls, group: Group, membership_ids: list[int]) -> dict:
    return _clean(
        {
            "id": urls.group(group.pk),
            "type": SCHEMA + "Organization",
            "body": urls.body(),
            "name": group.name,
            "shortName": group.short_name or None,
            "organizationType": "Gremium",
            "classification": group.get_kind_display(),
            "subOrganizationOf": urls.group(group.reports_to_id) if group.reports_to_id else None,
            "startDate": group.active_from.isoformat() if group.active_from else None,
            "endDate": group.active_to.isoformat() if group.active_to else None,
            "membership": [urls("membership", pk) for pk in membership_ids],
            "meeting": urls("organization_meetings", f"grupp-{group.pk}"),
            "web": urls.web(group.get_absolute_url()),
            **_stamps(group),
        }
    )


def principal_organization(urls: Urls, principal: Principal) -> dict:
    """`samverkan:officialCode`: the principal's official municipality (or county) code, as
    the structure data has it; a vendor-prefixed extension since OParl's `ags` is German."""
    return {
        "id": urls.principal(principal.pk),
        "type": SCHEMA + "Organization",
        "body": urls.body(),
        "name": principal.name,
        "organizationType": "Institution",
        "classification": "Huvudman",
        "web": urls.web(principal.get_absolute_url()),
        "samverkan:officialCode": principal.code,
        **_stamps(principal),
    }


def membership(urls: Urls, m: Membership, *, embedded: bool = False) -> dict:
    role = ROLE_LABELS.get(m.kind, m.kind)
    if m.position in POSITION_LABELS:
        role = f"{role}, {POSITION_LABELS[m.position]}"
    return _clean(
        {
            "id": urls("membership", m.pk),
            "type": SCHEMA + "Membership",
            "person": None if embedded else urls("person", m.person_id),
            "organization": urls.group(m.group_id),
            "onBehalfOf": urls.principal(m.person.principal_id),
            "role": role,
            "votingRight": m.kind == MembershipKind.ORDINARY,
            "startDate": m.start_date.isoformat(),
            "endDate": m.end_date.isoformat() if m.end_date else None,
            **_stamps(m),
        }
    )


def person(urls: Urls, p: Person, memberships: list[Membership]) -> dict:
    """Public fields only: never e-mail or phone."""
    return _clean(
        {
            "id": urls("person", p.pk),
            "type": SCHEMA + "Person",
            "body": urls.body(),
            "name": p.full_name,
            "familyName": p.last_name,
            "givenName": p.first_name,
            "membership": [membership(urls, m, embedded=True) for m in memberships],
            **_stamps(p),
        }
    )


def location(urls: Urls, meeting: Meeting) -> dict:
    return {
        "id": urls("location", meeting.pk),
        "type": SCHEMA + "Location",
        "description": meeting.location,
        "meetings": [urls("meeting", meeting.pk)],
        **_stamps(meeting),
    }


def meeting_state(meeting: Meeting, now) -> str:
    if meeting.cancelled:
        return "inställt"
    if meeting.ends_at <= now:
        return "genomfört"
    if meeting.kallelse_sent_at:
        return "kallat"
    return "planerat"


def file_name(minutes: Minutes) -> str:
    meeting = minutes.meeting
    return f"minnesanteckningar-{meeting.group.slug}-{meeting.local_date}-v{minutes.version}.pdf"


def file(urls: Urls, minutes: Minutes) -> dict:
    meeting = minutes.meeting
    name = f"Minnesanteckningar {meeting.group.display_name} {meeting.local_date:%Y-%m-%d}"
    return _clean(
        {
            "id": urls("file", minutes.pk),
            "type": SCHEMA + "File",
            "name": f"{name}, version {minutes.version}",
            "fileName": file_name(minutes),
            "mimeType": "application/pdf",
            "date": timezone.localdate(minutes.approved_at).isoformat()
            if minutes.approved_at
            else None,
            "accessUrl": urls("file_access", minutes.pk),
            "downloadUrl": urls("file_download", minutes.pk),
            "meeting": [urls("meeting", meeting.pk)],
            "web": urls.web(minutes.get_absolute_url()),
            **_stamps(minutes),
        }
    )


def agenda_item(urls: Urls, item, meeting_id: int, order: int, *, embedded: bool = False) -> dict:
    result = "\n".join(f"att {a}" for a in item.att_satser) or None
    return _clean(
        {
            "id": urls("agendaitem", item.lineage_id),
            "type": SCHEMA + "AgendaItem",
            "meeting": None if embedded else urls("meeting", meeting_id),
            "number": str(item.position),
            "order": order,
            "name": item.title,
            "public": True,
            "result": item.get_kind_display(),
            "resolutionText": result,
            "created": _local(getattr(item, "oparl_created", item.created_at)),
            "modified": _local(getattr(item, "oparl_modified", item.updated_at)),
        }
    )


def removed_agenda_item(urls: Urls, item, order: int) -> dict:
    """An item of minutes an approved correction replaced: deleted (§2.8), `modified` when the
    correction was approved; the replaced version itself stays public as a File."""
    return {
        "id": urls("agendaitem", item.lineage_id),
        "type": SCHEMA + "AgendaItem",
        "order": order,
        "created": _local(item.oparl_created),
        "modified": _local(item.oparl_modified),
        "deleted": True,
    }


def meeting(urls: Urls, m: Meeting, minutes: Minutes | None, now) -> dict:
    """`minutes`: the meeting's newest approved public minutes, if any (with items loaded)."""
    data = {
        "id": urls("meeting", m.pk),
        "type": SCHEMA + "Meeting",
        "name": m.display_title,
        "meetingState": meeting_state(m, now),
        "cancelled": m.cancelled,
        "start": _local(m.starts_at),
        "end": _local(m.ends_at),
        "organization": [urls.group(m.group_id)],
        "web": urls.web(m.get_absolute_url()),
        **_stamps(m),
    }
    if m.location:
        data["location"] = location(urls, m)
    if minutes is not None:
        data["resultsProtocol"] = file(urls, minutes)
        data["agendaItem"] = [
            agenda_item(urls, item, m.pk, index, embedded=True)
            for index, item in enumerate(minutes.items.all())
        ]
    return _clean(data)


def consultation(urls: Urls, treatment, paper_id: int, *, public_meeting: bool) -> dict:
    return _clean(
        {
            "id": urls("consultation", treatment.pk),
            "type": SCHEMA + "Consultation",
            "paper": urls("paper", paper_id),
            "meeting": urls("meeting", treatment.meeting_id)
            if treatment.meeting_id and public_meeting
            else None,
            "organization": [urls.group(treatment.group_id)] if treatment.group_id else None,
            "authoritative": treatment.outcome in ("recommendation_adopted", "decided"),
            "role": treatment.get_outcome_display(),
            **_stamps(treatment),
        }
    )


def paper(urls: Urls, rec, treatments, public_meeting_ids: set[int]) -> dict:
    return _clean(
        {
            "id": urls("paper", rec.pk),
            "type": SCHEMA + "Paper",
            "body": urls.body(),
            "name": rec.title,
            "reference": rec.case.register_number,
            "date": rec.adopted_on.isoformat(),
            "paperType": "Rekommendation",
            "underDirectionOf": [urls.group(rec.group_id)],
            "consultation": [
                consultation(urls, t, rec.pk, public_meeting=t.meeting_id in public_meeting_ids)
                for t in treatments
            ],
            "web": urls.web(rec.get_absolute_url()),
            **_stamps(rec),
        }
    )
