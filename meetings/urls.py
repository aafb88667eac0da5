from django.urls import path, re_path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("moten/", views.meeting_list, name="meeting_list"),
    re_path(
        r"^moten/manad/(?P<period>[0-9]{4}-[0-9]{2})/$",
        views.meeting_month,
        name="meeting_month",
    ),
    path("moten/ny/", views.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("moten/<int:pk>/hantera/", views.meeting_manage, name="meeting_manage"),
    path("moten/<int:pk>/hantera/punkter/ny/", views.agenda_item_add, name="agenda_item_add"),
    path(
        "moten/<int:pk>/hantera/punkter/<int:item_pk>/andra/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "moten/<int:pk>/hantera/punkter/<int:item_pk>/ta-bort/",
        views.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path("moten/<int:pk>/hantera/punkter/upp/", views.agenda_item_up, name="agenda_item_up"),
    path("moten/<int:pk>/hantera/punkter/ner/", views.agenda_item_down, name="agenda_item_down"),
    path("moten/<int:pk>/hantera/underlag/", views.paper_attach, name="paper_attach"),
    path("moten/<int:pk>/hantera/tid/", views.meeting_reschedule, name="meeting_reschedule"),
    path("moten/<int:pk>/hantera/stall-in/", views.meeting_cancel, name="meeting_cancel"),
    path("moten/<int:pk>/hantera/kallelse/", views.kallelse_send, name="kallelse_send"),
    path("moten/<int:pk>/hantera/narvaro/", views.attendance_record, name="attendance_record"),
    path(
        "moten/<int:pk>/hantera/minnesanteckningar/",
        views.minutes_start,
        name="minutes_start",
    ),
    path("moten/<int:pk>/franvaro/", views.report_absence, name="report_absence"),
    path("mina-moten/", views.my_meetings, name="my_meetings"),
    path("mina-moten/kalenderadress/", views.calendar_feed_create, name="calendar_feed_create"),
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
    path("minnesanteckningar/<int:pk>/spara/", views.minutes_save, name="minutes_save"),
    path("minnesanteckningar/<int:pk>/skicka/", views.minutes_send, name="minutes_send"),
    path("minnesanteckningar/<int:pk>/justera/", views.minutes_approve, name="minutes_approve"),
    path("minnesanteckningar/<int:pk>/rattelse/", views.minutes_correct, name="minutes_correct"),
]
