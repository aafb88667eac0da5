from django.urls import path, re_path, register_converter

from oparl import views


class IdConverter:
    """Database ids: digits, at most nine, so no lookup overflows an integer column."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("bodies/", views.body_list, name="body_list"),
    path("body/<slug:key>/", views.body, name="body"),
    path("body/<slug:key>/organizations/", views.organization_list, name="organization_list"),
    path("body/<slug:key>/persons/", views.person_list, name="person_list"),
    path("body/<slug:key>/memberships/", views.membership_list, name="membership_list"),
    path("body/<slug:key>/meetings/", views.meeting_list, name="meeting_list"),
    path("body/<slug:key>/agendaitems/", views.agendaitem_list, name="agendaitem_list"),
    path("body/<slug:key>/papers/", views.paper_list, name="paper_list"),
    path("body/<slug:key>/consultations/", views.consultation_list, name="consultation_list"),
    path("body/<slug:key>/files/", views.file_list, name="file_list"),
    path("body/<slug:key>/locations/", views.location_list, name="location_list"),
    path(
        "body/<slug:key>/legislativeterms/",
        views.legislativeterm_list,
        name="legislativeterm_list",
    ),
    path("organization/<slug:key>/", views.organization, name="organization"),
    path(
        "organization/<slug:key>/meetings/",
        views.organization_meetings,
        name="organization_meetings",
    ),
    path("person/<id:pk>/", views.person, name="person"),
    path("membership/<id:pk>/", views.membership, name="membership"),
    path("meeting/<id:pk>/", views.meeting, name="meeting"),
    path("agendaitem/<id:pk>/", views.agendaitem, name="agendaitem"),
    path("paper/<id:pk>/", views.paper, name="paper"),
    path("consultation/<id:pk>/", views.consultation, name="consultation"),
    path("file/<id:pk>/", views.file, name="file"),
    path("file/<id:pk>/access/", views.file_access, name="file_access"),
    path("file/<id:pk>/download/", views.file_download, name="file_download"),
    path("location/<id:pk>/", views.location, name="location"),
    path("legislativeterm/<id:pk>/", views.legislativeterm, name="legislativeterm"),
    re_path(r"^.*$", views.not_found),
]
