from django.urls import path, re_path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("moten/", views.meeting_list, name="meeting_list"),
    path("moten/ny/", views.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("moten/<int:pk>/hantera/", views.meeting_manage, name="meeting_manage"),
    path("moten/<int:pk>/franvaro/", views.report_absence, name="report_absence"),
    path("mina-moten/", views.my_meetings, name="my_meetings"),
    path("planering/", views.planning_view, name="planning"),
    path("underlag/<int:pk>/", views.paper_download, name="paper_download"),
    path("kalender/alla.ics", views.public_feed, name="public_feed"),
    path("kalender/grupp/<slug:slug>.ics", views.group_feed, name="group_feed"),
    # Tokens are url-safe base64; anything else is not a token and never reaches the database.
    re_path(
        r"^kalender/ledamot/(?P<token>[A-Za-z0-9_-]{16,64})\.ics$",
        views.member_feed,
        name="member_feed",
    ),
    path("minnesanteckningar/", views.minutes_list, name="minutes_list"),
    path("grupper/<slug:slug>/minnesanteckningar/", views.minutes_list, name="group_minutes"),
    path("minnesanteckningar/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("minnesanteckningar/<int:pk>/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("minnesanteckningar/<int:pk>/redigera/", views.minutes_edit, name="minutes_edit"),
    path("minnesanteckningar/<int:pk>/justera/", views.minutes_approve, name="minutes_approve"),
    path("minnesanteckningar/<int:pk>/rattelse/", views.minutes_correct, name="minutes_correct"),
]
