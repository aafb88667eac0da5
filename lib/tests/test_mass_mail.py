"""lib/mass_mail.py: the preview's fingerprint and the confirmation form."""

import hashlib

import pytest
from django.http import QueryDict

from lib import mass_mail

A = mass_mail.Outgoing("Anna", "anna@test.example", "Ämne", "Hej Anna")
B = mass_mail.Outgoing("Bo", "bo@test.example", "Ämne", "Hej Bo")


def test_the_fingerprint_does_not_depend_on_the_order_of_the_mails():
    assert mass_mail.fingerprint([A, B]) == mass_mail.fingerprint([B, A])


@pytest.mark.parametrize(
    "other",
    [
        [A],
        [A, B, mass_mail.Outgoing("Cea", "cea@test.example", "Ämne", "Hej Cea")],
        [A, mass_mail.Outgoing("Bo", "bo@test.example", "Annat ämne", "Hej Bo")],
        [A, mass_mail.Outgoing("Bo", "bo@test.example", "Ämne", "Hej Bo!")],
    ],
)
def test_another_recipient_subject_or_body_changes_the_fingerprint(other):
    assert mass_mail.fingerprint(other) != mass_mail.fingerprint([A, B])


def test_the_fingerprint_cannot_be_recomputed_without_the_secret(settings):
    plain = "\x1e".join(sorted(f"{m.address}\x1f{m.subject}\x1f{m.body}" for m in [A, B]))
    before = mass_mail.fingerprint([A, B])
    assert before != hashlib.sha256(plain.encode()).hexdigest()
    settings.SECRET_KEY = "another-secret-" + "x" * 50
    assert mass_mail.fingerprint([A, B]) != before


def test_check_refuses_other_mails_and_passes_the_same_or_no_preview():
    mass_mail.check([A, B], mass_mail.fingerprint([B, A]))
    mass_mail.check([A], None)
    with pytest.raises(mass_mail.RecipientsChanged):
        mass_mail.check([A], mass_mail.fingerprint([A, B]))


@pytest.mark.parametrize(
    ("posted", "confirmed"),
    [
        ("confirm=on&fingerprint=abc", "abc"),
        ("fingerprint=abc", None),
        ("confirm=on", None),
        ("confirm=on&fingerprint=" + "a" * 65, None),
        ("", None),
    ],
)
def test_only_a_confirmation_with_a_fingerprint_counts_as_one(posted, confirmed):
    assert mass_mail.ConfirmForm(QueryDict(posted)).confirmed() == confirmed


def test_the_preview_names_at_most_its_limit_and_counts_them_all():
    mails = [mass_mail.Outgoing(f"P{i}", f"p{i}@x", "s", "b") for i in range(7)]
    preview = mass_mail.MailPreview(mails, limit=5)
    assert (preview.count, len(preview.shown), preview.not_shown) == (7, 5, 2)
    anonymous = mass_mail.MailPreview(mails, named=False)
    assert (anonymous.count, anonymous.shown, anonymous.not_shown) == (7, [], 0)
