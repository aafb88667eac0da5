"""Hostile input answers a Swedish form error or a 400, never a 500, and leaves no files."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, HttpResponseBadRequest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cases.forms import RaiseCaseForm
from lib.uploads import RemoveOrphanUploadsMiddleware, validate_document
from meetings.models import Approval, Meeting, Minutes
from structure.models import Group, Principal
from testing.builders import coordinator_user, member_user, person

TWENTY_DIGITS = "9" * 20


@pytest.fixture
def coordinator_client(client, structure):
    """Charlie, the coordinator: the admin's user (no demo people needed)."""
    client.force_login(coordinator_user())
    return client


def case_data(**changes):
    return {
        "group": "",
        "title": "Rubrik",
        "description": "Beskrivning",
        "proposal": "Förslag",
        **changes,
    }


def test_a_twenty_digit_principal_is_a_form_error_not_a_query(structure):
    group = Group.objects.get(slug="lsg")
    form = RaiseCaseForm(
        data=case_data(group=group.pk, principals=[TWENTY_DIGITS]), groups=Group.objects.all()
    )
    assert not form.is_valid()
    assert "principals" in form.errors


def test_a_word_as_principal_is_a_form_error(structure):
    group = Group.objects.get(slug="lsg")
    form = RaiseCaseForm(
        data=case_data(group=group.pk, principals=["abc"]), groups=Group.objects.all()
    )
    assert not form.is_valid()
    assert "principals" in form.errors


def test_real_principals_are_still_accepted(structure):
    group = Group.objects.get(slug="lsg")
    pks = list(Principal.objects.values_list("pk", flat=True)[:2])
    form = RaiseCaseForm(data=case_data(group=group.pk, principals=pks), groups=Group.objects.all())
    assert form.is_valid(), form.errors
    assert sorted(p.pk for p in form.cleaned_data["principals"]) == sorted(pks)


def test_a_twenty_digit_number_in_any_query_answers_400_in_swedish(client, db):
    response = client.get(reverse("meetings:meeting_list"), {"group": TWENTY_DIGITS})
    assert response.status_code == 400
    assert "för stort" in response.content.decode()


def test_a_huge_number_in_an_admin_date_filter_answers_400(coordinator_client):
    response = coordinator_client.get(
        "/admin/meetings/meeting/", {"starts_at__year": TWENTY_DIGITS}
    )
    assert response.status_code == 400


def test_a_60000_character_search_answers_400_not_500(client, db):
    response = client.get(reverse("meetings:minutes_list"), {"q": "%a" * 30000})
    assert response.status_code == 400
    assert "för långt" in response.content.decode()


def test_an_ordinary_search_still_works(client, db):
    assert client.get(reverse("meetings:minutes_list"), {"q": "rutin"}).status_code == 200


def test_admin_history_of_a_model_without_history_does_not_break(coordinator_client):
    meeting = Meeting.objects.create(
        group=Group.objects.get(slug="lsg"),
        starts_at=timezone.now(),
        ends_at=timezone.now(),
        form="video",
    )
    minutes = Minutes.objects.create(meeting=meeting)
    who = person("Olle")
    approval = Approval.objects.create(
        minutes=minutes, role="chair", person=who, user=member_user("olle", "lsg")
    )
    response = coordinator_client.get(f"/admin/meetings/approval/{approval.pk}/history/")
    assert response.status_code == 200
    assert "Ändringshistorik" in response.content.decode()


def test_admin_history_of_a_missing_row_goes_back_to_the_admin_with_a_message(
    coordinator_client,
):
    response = coordinator_client.get("/admin/meetings/approval/999999/history/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "999999" in response.content.decode()


def test_admin_history_with_a_word_as_id_is_not_found(coordinator_client):
    assert coordinator_client.get("/admin/structure/group/abc/history/").status_code == 404


def test_admin_action_on_rows_that_are_no_ids_is_refused_with_a_message(coordinator_client):
    response = coordinator_client.post(
        "/admin/structure/person/",
        {"action": "delete_selected", "_selected_action": ["abc", "1.5"]},
        follow=True,
    )
    assert response.status_code == 200
    assert "ogiltiga rader" in response.content.decode()


def pdf(name="underlag.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n", content_type=content_type)


def test_a_file_name_over_200_characters_is_refused_in_swedish():
    with pytest.raises(ValidationError) as error:
        validate_document(pdf("a" * 240 + ".pdf"))
    assert "Filnamnet är 244 tecken" in str(error.value)


def test_an_overlong_content_type_is_refused():
    with pytest.raises(ValidationError):
        validate_document(pdf(content_type="application/" + "x" * 300))


def test_an_ordinary_file_is_accepted():
    validate_document(pdf())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_file_saved_by_a_request_whose_row_is_never_saved_is_removed(db, media):
    def view(request):
        default_storage.save("papers/1/orphan.pdf", ContentFile(b"%PDF-1.4"))
        return HttpResponseBadRequest("the insert failed")

    RemoveOrphanUploadsMiddleware(view)(RequestFactory().post("/"))
    assert not (media / "papers/1/orphan.pdf").exists()


def test_a_file_saved_outside_a_request_or_referenced_stays(db, media):
    default_storage.save("papers/1/kept.pdf", ContentFile(b"%PDF-1.4"))
    RemoveOrphanUploadsMiddleware(lambda request: HttpResponse())(RequestFactory().get("/"))
    assert (media / "papers/1/kept.pdf").exists()
