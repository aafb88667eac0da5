"""The coordinators' rules check page (R-M2, R-M5): who may see it and what it says."""

from django.urls import reverse

URL = reverse("structure:rules_check")


def test_anonymous_is_sent_to_sign_in(client, demo):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_members_and_registrars_are_refused(client, demo):
    for username in ("ledamot", "ordforande", "registrator-region"):
        client.login(username=username, password="samverkan-demo")
        assert client.get(URL).status_code == 403, username


def test_coordinator_sees_every_breach_and_next_years_sides(coordinator_client):
    html = coordinator_client.get(URL).content.decode()
    assert "saknar ersättare" in html
    assert "Åsele har 0 ordinarie ledamöter, ska ha 1." in html
    assert "Obalans mellan de geografiska grupperingarna" in html
    assert "båda kommunerna; de ska komma från olika sidor" in html
    assert "Ordförandeskap kommande år" in html
    assert "(förlängt genom beslut)" in html  # Hjälpmedelsrådet 2026


def test_rules_check_query_count_is_flat(coordinator_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):  # + the session write after sign-in
        coordinator_client.get(URL)


def test_breaches_are_told_in_words_without_requirement_ids(coordinator_client):
    html = coordinator_client.get(URL).content.decode()
    assert "Regelbrott, platser:" in html
    assert "R-M2" not in html and "R-M5" not in html


def test_rotation_tables_stack_on_phones_and_scroll_with_the_keyboard(coordinator_client):
    html = coordinator_client.get(URL).content.decode()
    assert '<table class="stack">' in html
    assert '<td data-label="Ordförande från">' in html
    assert 'role="region" tabindex="0" aria-labelledby="rotation-lsg"' in html
    assert '<caption id="rotation-lsg">' in html
