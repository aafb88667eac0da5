"""POST /beslut/<pk>/expediera/ (R-C4): the confirmation carries what the preview showed; if
the principals' registrars changed since, nothing is expedited and the new preview is shown."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Recommendation
from testing import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


@pytest.fixture
def rec(coordinator):
    builders.registrar_user("rita", principal="umea")
    case = builders.case(by=coordinator)
    return builders.recommendation(case, by=coordinator, principals=("umea", "vannas"))


def _fingerprint(client, rec) -> str:
    body = client.get(reverse("cases:expedite_preview", args=[rec.pk])).content.decode()
    return re.search(r'name="fingerprint" value="(\w+)"', body).group(1)


def test_a_confirmation_of_the_preview_expedites_and_mails_each_registrar_once(
    client, coordinator, rec, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    fingerprint = _fingerprint(client, rec)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:expedite", args=[rec.pk]),
            {"confirm": "on", "fingerprint": fingerprint},
        )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=rec.pk).expedited_at is not None
    assert [m.to for m in mail.outbox] == [["rita@test.example"]]


def test_a_registrar_added_after_the_preview_means_the_preview_again_and_nothing_sent(
    client, coordinator, rec, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    fingerprint = _fingerprint(client, rec)
    builders.registrar_user("vera", principal="vannas")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:expedite", args=[rec.pk]),
            {"confirm": "on", "fingerprint": fingerprint},
            follow=True,
        )
    assert response.redirect_chain == [(reverse("cases:expedite_preview", args=[rec.pk]), 302)]
    body = response.content.decode()
    assert "Mottagarna har ändrats sedan förhandsvisningen" in body
    assert "vera@test.example" in body
    assert Recommendation.objects.get(pk=rec.pk).expedited_at is None
    assert mail.outbox == []
    # Its twin: confirming the new preview mails both registrars.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:expedite", args=[rec.pk]),
            {"confirm": "on", "fingerprint": _fingerprint(client, rec)},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["rita@test.example", "vera@test.example"]


@pytest.mark.parametrize("fingerprint", ["x" * 5000, "abc", "'; --"])
def test_a_hostile_fingerprint_never_500s_and_never_expedites(
    client, coordinator, rec, fingerprint, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:expedite", args=[rec.pk]),
            {"confirm": "on", "fingerprint": fingerprint},
        )
    assert response.url == reverse("cases:expedite_preview", args=[rec.pk])
    assert Recommendation.objects.get(pk=rec.pk).expedited_at is None
    assert mail.outbox == []


def test_a_member_cannot_confirm_a_preview(client, coordinator, rec):
    client.force_login(coordinator)
    fingerprint = _fingerprint(client, rec)
    client.force_login(builders.member_user("bob", "lsg"))
    response = client.post(
        reverse("cases:expedite", args=[rec.pk]), {"confirm": "on", "fingerprint": fingerprint}
    )
    assert response.status_code == 404
    assert Recommendation.objects.get(pk=rec.pk).expedited_at is None
