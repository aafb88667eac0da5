"""Audit rows in words: actions, objects and fields by their Swedish names; unknown ones as
stored, never an error."""

from audit import display


def test_an_action_of_a_service_reads_in_swedish():
    assert display.action_label("meetings.approve_minutes") == "Justerade minnesanteckningar"


def test_an_admin_action_names_the_model():
    label = display.action_label("admin.structure.membership.change")
    assert label == "Ändrade uppdrag i grupp (admin)"


def test_unknown_actions_and_objects_are_shown_as_stored():
    assert display.action_label("meetings:meeting_cancel") == "meetings:meeting_cancel"
    assert display.action_label("admin.nosuch.model.change") == "Ändrade nosuch.model (admin)"
    assert display.target_label("nosuch.Model:3") == "nosuch.Model:3"


def test_an_object_reads_as_its_name_and_id():
    assert display.target_label("meetings.Minutes:42") == "minnesanteckningar 42"


def test_changes_name_the_fields_and_show_before_and_after():
    rows = display.changes(
        "meetings.Meeting:1",
        {"location": ["Umeå", "Skellefteå"], "cancelled": [False, True], "mails": [None, 3]},
    )
    assert [(r.field, r.before, r.after, r.created) for r in rows] == [
        ("plats", "Umeå", "Skellefteå", False),
        ("inställt", "nej", "ja", False),
        ("e-postmottagare", "–", "3", True),
    ]


def test_stored_values_of_another_shape_do_not_break_the_page():
    assert display.changes("", ["not", "a", "dict"]) == []
    rows = display.changes("", {"odd": "value", "ids": [[1, 2], None]})
    assert [(r.field, r.before, r.after) for r in rows] == [
        ("odd", "–", "value"),
        ("id", "1, 2", "–"),
    ]


def test_rows_of_a_list_stay_apart():
    (row,) = display.changes("meetings.Meeting:1", {"attendance": [[[4, "present", None]], []]})
    assert (row.before, row.after) == ("(4, Närvarande, –)", "–")


def test_attendance_rows_show_the_status_label_not_the_stored_value():
    """#18: the audit log showed "(61, substitute, 68)" (found by lib/tests/test_raw_keys.py)."""
    (row,) = display.changes(
        "meetings.Meeting:1",
        {"attendance": [[], [[61, "substitute", 68], [62, "absent", None]]]},
    )
    assert row.after == "(61, Tjänstgörande ersättare, 68), (62, Frånvarande, –)"


def test_a_summary_key_that_is_no_field_of_the_object_has_a_swedish_name():
    (row,) = display.changes("workgroups.WorkingGroup:2", {"decided_on": [None, "2026-09-17"]})
    assert (row.field, row.after) == ("beslutsdatum", "2026-09-17")


def test_a_field_with_choices_shows_its_labels_not_the_stored_values():
    rows = display.changes(
        "workgroups.WorkingGroup:1",
        {"status": ["set_up", "delivered"], "name": [None, "set_up"]},
    )
    assert [(r.field, r.before, r.after) for r in rows] == [
        ("status", "Tillsatt", "Levererad"),
        ("namn", "–", "set_up"),  # a text field keeps what was typed, whatever it says
    ]
    review = display.changes("reviews.Review:1", {"kind": [None, "meeting_forms"]})
    assert review[0].after == "Mötesformer"
