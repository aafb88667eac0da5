"""The AU proposes items for its parent's next meeting; the coordinator adopts the proposal
into the parent's agenda in one action, each item marked as prepared by the AU."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts import permissions
from accounts.models import User
from audit import services as audit
from cases.models import Case
from meetings import services as meeting_services
from meetings.models import ItemKind, Meeting
from preparation.models import ProposedItem
from preparation.selectors import parent_meeting_for


def _parent(au_meeting: Meeting) -> Meeting:
    parent = parent_meeting_for(au_meeting)
    if parent is None:
        raise ValidationError(
            f"{au_meeting.group.reports_to.name} har inget kommande möte efter AU-mötet. "
            "Boka mötet först."
        )
    return parent


@transaction.atomic
def propose_item(
    *,
    by: User,
    au_meeting: Meeting,
    kind: str,
    title: str = "",
    description: str = "",
    case: Case | None = None,
    at: datetime.datetime | None = None,
) -> ProposedItem:
    permissions.require(permissions.can_prepare_for_parent(by, au_meeting.group))
    parent = _parent(au_meeting)
    if case is not None:
        kind, title = ItemKind.DECISION, f"{case.register_number} {case.title}"[:200]
        description = description or case.description
    errors = {}
    if kind not in ItemKind.values:
        errors["kind"] = "Välj typ av punkt."
    if not title.strip():
        errors["title"] = "Ange en rubrik."
    if errors:
        raise ValidationError(errors)
    last = au_meeting.proposed_items.aggregate(last=Max("position"))["last"] or 0
    item = ProposedItem.objects.create(
        au_meeting=au_meeting,
        parent_meeting=parent,
        position=last + 1,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        case=case,
    )
    audit.record_write(
        actor=by, action="preparation.propose_item", target=item, after=audit.snapshot(item)
    )
    return item


@transaction.atomic
def move_item(*, by: User, item: ProposedItem, direction: int) -> None:
    permissions.require(permissions.can_prepare_for_parent(by, item.au_meeting.group))
    items = list(item.au_meeting.proposed_items.select_for_update().order_by("position"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + (1 if direction > 0 else -1)
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            other.position = position
        ProposedItem.objects.bulk_update(items, ["position"])
        audit.record_write(
            actor=by,
            action="preparation.move_item",
            target=item,
            changes={"position": [index + 1, target + 1]},
        )


@transaction.atomic
def remove_item(*, by: User, item: ProposedItem) -> None:
    permissions.require(permissions.can_prepare_for_parent(by, item.au_meeting.group))
    if item.agenda_item_id:
        raise ValidationError("Punkten är redan förd till dagordningen.")
    target, before = audit.target_of(item), audit.snapshot(item)
    item.delete()
    audit.record_write(
        actor=by, action="preparation.remove_item", target=target, before=before, after=None
    )


@transaction.atomic
def adopt_proposal(*, by: User, au_meeting: Meeting, at: datetime.datetime | None = None) -> int:
    """Every not yet adopted item, in the AU's order, onto the parent's agenda."""
    permissions.require(permissions.can_adopt_au_proposal(by))
    parent = _parent(au_meeting)
    prepared_by = f"Beredd av {au_meeting.group.display_name} {au_meeting.local_date:%Y-%m-%d}."
    items = list(
        au_meeting.proposed_items.select_for_update(of=("self",))
        .filter(agenda_item__isnull=True)
        .select_related("case")
        .order_by("position")
    )
    if not items:
        raise ValidationError("Det finns inga nya förslag att föra till dagordningen.")
    for item in items:
        item.agenda_item = meeting_services.add_agenda_item(
            meeting=parent,
            by=by,
            kind=item.kind,
            title=item.title,
            description=f"{prepared_by}\n{item.description}".strip(),
            proposal=item.case.proposal if item.case else "",
        )
        item.parent_meeting = parent
        item.save(update_fields=["agenda_item", "parent_meeting"])
    audit.record_write(
        actor=by,
        action="preparation.adopt_proposal",
        target=parent,
        changes=audit.summary(
            au_meeting=au_meeting.pk,
            proposed_items=[item.pk for item in items],
            agenda_items=[item.agenda_item_id for item in items],
        ),
    )
    return len(items)
