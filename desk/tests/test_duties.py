import datetime

from desk import duties

D = datetime.date


def test_unbooked_next_year_is_a_duty_from_first_november():
    groups = [duties.GroupBooking("LSG", "/p/", 0, 4), duties.GroupBooking("Samråd", "/p/", 4, 4)]
    result = duties.unbooked_next_year(groups, D(2026, 11, 2))
    assert [d.title for d in result] == ["Boka 2027 års möten för LSG"]
    assert result[0].due == D(2026, 11, 30)


def test_unbooked_next_year_is_silent_in_october():
    groups = [duties.GroupBooking("LSG", "/p/", 0, 4)]
    assert duties.unbooked_next_year(groups, D(2026, 10, 31)) == []


def test_each_rule_breach_message_is_a_duty():
    reports = [duties.RuleReport("LSG", "/r/", ("Åsele saknar ledamot", "Ordförande fel sida"))]
    assert len(duties.rule_breaches(reports, D(2026, 5, 4))) == 2


def test_kallelse_is_due_when_paper_deadline_is_within_three_working_days():
    # Monday 4 May; deadline Thursday 7 May is three working days away.
    near = duties.MeetingInfo("LSG", "/m/", D(2026, 5, 12), D(2026, 5, 7), False)
    far = duties.MeetingInfo("LSG", "/m/", D(2026, 5, 20), D(2026, 5, 13), False)
    sent = duties.MeetingInfo("LSG", "/m/", D(2026, 5, 12), D(2026, 5, 7), True)
    result = duties.kallelse_not_sent([near, far, sent], D(2026, 5, 4))
    assert [d.due for d in result] == [D(2026, 5, 7)]


def test_passed_paper_deadline_without_kallelse_is_late_and_an_error():
    late = duties.MeetingInfo("LSG", "/m/", D(2026, 5, 8), D(2026, 5, 1), False)
    [duty] = duties.kallelse_not_sent([late], D(2026, 5, 4))
    assert duty.severity == duties.ERROR
    assert duties.bucket(duty, D(2026, 5, 4)) == duties.LATE


def test_minutes_waiting_name_who_they_wait_on_after_n_days():
    minutes = duties.MinutesInfo("LSG", "/mi/", D(2026, 4, 1), ("Eva Ek (ordförande)",))
    [duty] = duties.minutes_waiting([minutes], D(2026, 5, 4), days=14)
    assert duty.waits_on == "Eva Ek (ordförande)"
    assert duty.since == D(2026, 4, 1)
    assert duty.due == D(2026, 4, 15)


def test_fresh_minutes_are_not_yet_a_duty():
    minutes = duties.MinutesInfo("LSG", "/mi/", D(2026, 5, 1), ("Eva Ek",))
    assert duties.minutes_waiting([minutes], D(2026, 5, 4), days=14) == []


def test_unexpedited_recommendation_is_due_a_week_after_adoption():
    [duty] = duties.unexpedited(
        [duties.RecommendationInfo("Rek", "/r/", D(2026, 5, 1))], D(2026, 5, 4)
    )
    assert duty.due == D(2026, 5, 8)


def test_principal_is_a_duty_only_after_the_reminder_period():
    waited = duties.OpenDecision("Umeå", "Rek", "/r/", D(2026, 3, 1))
    recent = duties.OpenDecision("Malå", "Rek", "/r/", D(2026, 4, 20))
    result = duties.undecided([waited, recent], D(2026, 5, 4), days=60)
    assert [d.waits_on for d in result] == ["Registratorer: Umeå"]
    assert result[0].title == "Beslut saknas från 1 huvudman: Rek"  # not "1 huvudmän"


def test_principals_waited_on_for_one_recommendation_make_one_duty():
    one = duties.OpenDecision("Umeå", "Rek", "/r/", D(2026, 3, 1))
    two = duties.OpenDecision("Malå", "Rek", "/r/", D(2026, 3, 1))
    [duty] = duties.undecided([one, two], D(2026, 5, 4), days=60)
    assert duty.waits_on == "Registratorer: Malå, Umeå"
    assert duty.title == "Beslut saknas från 2 huvudmän: Rek"


def test_late_delivery_waits_on_the_convener():
    late = duties.DeliveryInfo("AG", "/w/", "Greta Gran", D(2026, 4, 1))
    later = duties.DeliveryInfo("AG2", "/w/", "Olle Ek", D(2026, 12, 1))
    [duty] = duties.deliveries([late, later], D(2026, 5, 4))
    assert duty.waits_on == "Greta Gran (sammankallande)"
    assert duties.bucket(duty, D(2026, 5, 4)) == duties.LATE


def test_chair_without_successor_is_a_duty_from_october():
    term = duties.TermInfo("LSG", "/g/", "Ordförande", "Eva Ek", has_successor=False)
    assert duties.terms_ending([term], D(2026, 9, 30)) == []
    [duty] = duties.terms_ending([term], D(2026, 10, 1))
    assert duty.due == D(2026, 12, 31)


def test_chair_with_successor_is_no_duty():
    term = duties.TermInfo("LSG", "/g/", "Ordförande", "Eva Ek", has_successor=True)
    assert duties.terms_ending([term], D(2026, 11, 1)) == []


def test_grouping_puts_each_duty_in_one_bucket():
    today = D(2026, 5, 4)
    make = lambda due: duties.Duty("k", f"t{due}", "x", None, due, "/")  # noqa: E731
    grouped = duties.grouped([make(D(2026, 5, 1)), make(D(2026, 5, 8)), make(D(2026, 6, 1))], today)
    assert [len(grouped[k]) for k in (duties.LATE, duties.THIS_WEEK, duties.UPCOMING)] == [1, 1, 1]


def test_review_due_within_sixty_days_or_late_is_a_duty():
    late = duties.ReviewInfo("LSG", "Mötesformer", "/rev/", D(2025, 3, 1), D(2026, 3, 1))
    far = duties.ReviewInfo("Samråd", "Mötesformer", "/rev/", D(2026, 3, 1), D(2027, 3, 1))
    done = duties.ReviewInfo("Råd", "Uppföljning av uppdraget", "/rev/", D(2023, 8, 1), None)
    [duty] = duties.reviews_due([late, far, done], D(2026, 5, 4))
    assert duty.title == "Revision: mötesformer i LSG"
    assert duty.severity == duties.ERROR


def test_open_onboarding_checklist_names_the_next_step_and_is_due_two_weeks_after_report():
    open_one = duties.ChecklistInfo(
        "Nora Ny", "LSG", "/n/", D(2026, 5, 1), ("Introduktion hållen",)
    )
    done = duties.ChecklistInfo("Olle Ek", "LSG", "/n/", D(2026, 5, 1), ())
    [duty] = duties.onboarding_open([open_one, done], D(2026, 5, 4))
    assert duty.title == "Ny ledamot Nora Ny i LSG: nästa steg introduktion hållen"
    assert duty.due == D(2026, 5, 15)


def test_the_reader_of_a_duty_on_the_coordinator_role_is_told_it_waits_on_them():
    def duty(waits_on):
        return duties.Duty("x", "X", waits_on, None, None, "/")

    assert duty(duties.COORDINATOR).waits_on_reader == "dig"
    assert duty(f"{duties.COORDINATOR} (utkast)").waits_on_reader == "dig (utkast)"
    assert duty("Alice Testsson (ordförande)").waits_on_reader == "Alice Testsson (ordförande)"
    assert duty("Regional koordinatorgrupp").waits_on_reader == "Regional koordinatorgrupp"


def _duty(key: str, due, kind: str = "review") -> duties.Duty:
    return duties.Duty(kind, f"Plikt {key}", duties.COORDINATOR, None, due, "/x/", key=key)


def _note(key: str, action: str, until=None) -> duties.Note:
    return duties.Note(key, action, "skäl", "charlie", datetime.datetime(2026, 5, 1), until)


def test_sections_fold_duties_older_than_a_cycle_per_kind():
    today = D(2026, 5, 4)
    rows = [
        _duty("a", D(2021, 1, 1)),
        _duty("b", D(2022, 1, 1)),
        _duty("c", D(2026, 1, 1)),
        _duty("d", D(2024, 1, 1), kind="delivery"),
    ]
    late = duties.sections(rows, {}, today)[0]
    assert [r.duty.key for r in late.rows] == ["c"]
    assert [(label, [r.duty.key for r in rs]) for label, rs in late.older] == [
        ("Revisioner", ["a", "b"]),
        ("Leveranser från arbetsgrupper", ["d"]),
    ]
    assert late.count == 4


def test_a_duty_due_exactly_a_cycle_ago_is_not_older():
    today = D(2026, 5, 4)
    assert not duties.is_older(_duty("a", today - datetime.timedelta(days=365)), today)
    assert duties.is_older(_duty("a", today - datetime.timedelta(days=366)), today)


def test_the_latest_note_decides_and_a_snooze_ends_on_its_day():
    today = D(2026, 5, 4)
    duty = _duty("a", D(2026, 5, 1))
    snoozed = duties.Row(duty, (_note("a", duties.SNOOZED, D(2026, 5, 10)),))
    assert snoozed.state(today) == duties.SNOOZED
    assert snoozed.state(D(2026, 5, 10)) == ""
    acknowledged = duties.Row(duty, (snoozed.history[0], _note("a", duties.ACKNOWLEDGED)))
    assert acknowledged.state(today) == duties.ACKNOWLEDGED
    again = duties.Row(duty, (*acknowledged.history, _note("a", duties.SNOOZED, D(2026, 6, 1))))
    assert again.state(today) == duties.SNOOZED


def test_sections_put_noted_duties_apart():
    today = D(2026, 5, 4)
    rows = [_duty("a", D(2026, 5, 1)), _duty("b", D(2026, 5, 2)), _duty("c", D(2026, 5, 3))]
    notes = {
        "a": (_note("a", duties.ACKNOWLEDGED),),
        "b": (_note("b", duties.SNOOZED, D(2026, 5, 20)),),
    }
    late = duties.sections(rows, notes, today)[0]
    assert [r.duty.key for r in late.rows] == ["c"]
    assert [r.duty.key for r in late.acknowledged] == ["a"]
    assert [r.duty.key for r in late.snoozed] == ["b"]


def test_filtered_by_kind_and_group():
    a = duties.Duty("review", "a", "x", None, None, "/", key="a", group_id=1)
    b = duties.Duty("breach", "b", "x", None, None, "/", key="b", group_id=2)
    assert duties.filtered([a, b], kind="review") == [a]
    assert duties.filtered([a, b], group_id=2) == [b]
    assert duties.filtered([a, b], kind="review", group_id=2) == []
    assert duties.filtered([a, b]) == [a, b]


def test_every_rule_gives_its_duties_a_key_and_a_group():
    today = D(2026, 11, 2)
    made = [
        *duties.unbooked_next_year([duties.GroupBooking("LSG", "/p/", 0, 4, 7)], today),
        *duties.rule_breaches([duties.RuleReport("LSG", "/r/", ("fel",), 7)], today),
        *duties.reviews_due(
            [duties.ReviewInfo("LSG", "Mötesformer", "/r/", None, D(2021, 1, 1), "mf", 7)], today
        ),
        *duties.onboarding_open(
            [duties.ChecklistInfo("Nina", "LSG", "/o/", D(2026, 10, 1), ("Intro",), 3, 7)], today
        ),
    ]
    assert len(made) == 4
    assert all(d.key and d.group_id == 7 for d in made)
    assert len({d.key for d in made}) == 4
