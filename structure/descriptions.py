"""A group's rules in plain Swedish, for its public page (written from the data, never typed)."""

from __future__ import annotations

from structure.models import ChairRule, DeadlineUnit, Group, MinutesApproval, Side


def chair_text(group: Group) -> str:
    if group.chair_rule == ChairRule.FIXED_SIDES:
        if not group.chair_side:
            return ""
        sides = {Side.REGION: "regionen", Side.MUNICIPALITY: "kommunerna"}
        vice = Side.MUNICIPALITY if group.chair_side == Side.REGION else Side.REGION
        return (
            f"Ordföranden kommer från {sides[group.chair_side]} och vice ordföranden från "
            f"{sides[vice]}."
        )
    return CHAIR_TEXT.get(group.chair_rule, "")


CHAIR_TEXT = {
    ChairRule.DIFFERENT_SIDES_SWAP_YEARLY: (
        "Ordförande och vice ordförande utses inom gruppen och kommer från olika sidor "
        "(regionen respektive kommunerna). Uppdragen gäller ett kalenderår och sidorna byter "
        "varje år. Gruppen kan besluta att uppdragen löper längre än ett år."
    ),
    ChairRule.ALTERNATE_YEARLY: (
        "Ordförandeskapet alternerar varje år mellan regionen och kommunerna."
    ),
}

APPROVAL_TEXT = {
    MinutesApproval.CHAIR_AND_CHECKER: (
        "justeras av ordföranden och en justeringsperson som utses vid varje möte"
    ),
    MinutesApproval.CHAIR: "godkänns av ordföranden",
    MinutesApproval.CHAIR_AND_VICE: "godkänns av ordföranden och vice ordföranden",
}


def meetings_text(group: Group) -> str:
    low, high = group.meetings_min, group.meetings_max
    if low and high:
        return f"{low}–{high} möten per år." if low != high else f"{low} möten per år."
    if low:
        return f"Minst {low} {'möte' if low == 1 else 'möten'} per år."
    if high:
        return f"Högst {high} möten per år."
    return ""


def deadline_text(group: Group) -> str:
    days = group.paper_deadline_days
    if not days:
        return ""
    if group.paper_deadline_unit == DeadlineUnit.CALENDAR_DAYS:
        text = f"Underlagen skickas ut cirka {days} dagar före mötet"
    else:
        text = f"Underlagen ska vara ledamöterna tillhanda {days} arbetsdagar före mötet"
    if group.papers_sent_by:
        text += f" ({group.papers_sent_by.lower()})"
    return text + "."


def plain_rules(group: Group) -> list[tuple[str, str]]:
    """(heading, sentence) pairs; only rules the group actually has."""
    rows: list[tuple[str, str]] = []
    if group.seats_text:
        rows.append(("Platser", group.seats_text))
    if group.nomination_years:
        rows.append(("Nominering", f"Ledamöterna nomineras för {group.nomination_years} år."))
    if text := chair_text(group):
        rows.append(("Ordförande", text))
    if text := meetings_text(group):
        if group.meeting_form:
            text += f" Mötena hålls i första hand som {group.get_meeting_form_display().lower()}."
        rows.append(
            (
                "Möten",
                text + " Nästa års möten bokas senast den sista november."
                if group.meetings_min
                else text,
            )
        )
    elif group.meeting_form:
        rows.append(
            ("Möten", f"Mötena hålls i första hand som {group.get_meeting_form_display().lower()}.")
        )
    if text := deadline_text(group):
        rows.append(
            (
                "Underlag",
                text + " Underlagen innehåller en kort ärendebeskrivning och "
                "ett förslag till åtgärd eller en frågeställning.",
            )
        )
    if group.minutes_approval in APPROVAL_TEXT:
        text = f"Minnesanteckningarna {APPROVAL_TEXT[group.minutes_approval]}"
        if group.minutes_taker:
            text += f"; {group.minutes_taker.lower()} för anteckningarna"
        text += "."
        if group.minutes_public:
            text += " De blir offentlig handling när de är justerade."
        rows.append(("Minnesanteckningar", text))
    if group.decides_itself:
        rows.append(("Beslut", "Gruppen fattar själv beslut inom sitt mandat."))
    elif group.gives_recommendations:
        rows.append(("Beslut", "Gruppen ger rekommendationer; besluten fattas hos varje huvudman."))
    reviews = []
    if group.assignment_review_months:
        reviews.append(
            "uppdrag och bemanning ses över "
            + ("minst vartannat år" if group.assignment_review_months == 24 else "minst årligen")
        )
    if group.meeting_forms_review_months:
        reviews.append("mötesformerna revideras årligen")
    if group.self_evaluation_months:
        reviews.append("gruppen utvärderar sitt arbete årligen")
    if group.follow_up_by:
        reviews.append(
            f"uppdraget följs upp av {group.reports_to.name if group.reports_to else 'huvudmännen'}"
            f" senast {group.follow_up_by:%Y-%m-%d}"
        )
    if reviews:
        text = "; ".join(reviews)
        rows.append(("Uppföljning", text[0].upper() + text[1:] + "."))
    return rows
