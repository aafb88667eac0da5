"""POST /mitt/sammanfattning/: everyone turns their own daily digest on or off."""

import pytest
from django.urls import reverse

from desk.models import DigestSetting
from testing.builders import member_user

pytestmark = pytest.mark.django_db
URL = reverse("desk:digest_setting")


def test_a_member_turns_the_digest_off_and_on_again(client, structure):
    alice = member_user("alice", "lsg")
    client.force_login(alice)
    response = client.post(URL, {}, follow=True)
    assert response.redirect_chain == [(reverse("desk:mine"), 302)]
    assert "Inställningen är sparad." in response.content.decode()
    assert DigestSetting.objects.get(user=alice).enabled is False
    client.post(URL, {"enabled": "on"})
    assert DigestSetting.objects.get(user=alice).enabled is True


def test_it_changes_only_the_signed_in_users_own_setting(client, structure):
    alice, bob = member_user("alice", "lsg"), member_user("bob", "samrad")
    client.force_login(alice)
    client.post(URL, {"user": bob.pk})
    assert list(DigestSetting.objects.values_list("user__username", "enabled")) == [
        ("alice", False)
    ]


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, structure):
    response = client.post(URL, {"enabled": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not DigestSetting.objects.exists()


@pytest.mark.parametrize("value", ["x" * 5000, "\u00e5\u00e4\u00f6"])
def test_a_hostile_text_is_read_as_on_never_500(client, structure, value):
    alice = member_user("alice", "lsg")
    client.force_login(alice)
    assert client.post(URL, {"enabled": value}).status_code == 302
    assert DigestSetting.objects.get(user=alice).enabled is True


def test_a_number_no_database_holds_answers_400_and_nothing_is_written(client, structure):
    client.force_login(member_user("alice", "lsg"))
    response = client.post(URL, {"enabled": "99999999999999999999"})
    assert response.status_code == 400
    assert "Ett tal i förfrågan är för stort." in response.content.decode()
    assert not DigestSetting.objects.exists()
