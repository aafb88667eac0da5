from django.urls import path, re_path

from meetings.views import manage, member, minutes, planning, public

app_name = "meetings"

urlpatterns = [
    path("moten/", public.meeting_list, name="meeting_list"),
    re_path(
        r"^moten/manad/(?P<period>[0-9]{4}-[0-9]{2})/$",
        public.meeting_month,
        name="meeting_month",
    ),
    path("moten/ny/", planning.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/kalender.ics", public.meeting_ics, name="meeting_ics"),
    path("moten/<int:pk>/hantera/", manage.meeting_manage, name="meeting_manage"),
    path("moten/<int:pk>/hantera/punkter/ny/", manage.agenda_item_add, name="agenda_item_add"),
    path(
        "moten/<int:pk>/hantera/punkter/<int:item_pk>/andra/",
        manage.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "moten/<int:pk>/hantera/punkter/<int:item_pk>/ta-bort/",
        manage.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path("moten/<int:pk>/hantera/punkter/upp/", manage.agenda_item_up, name="agenda_item_up"),
    path("moten/<int:pk>/hantera/punkter/ner/", manage.agenda_item_down, name="agenda_item_down"),
    path("moten/<int:pk>/hantera/underlag/", manage.paper_attach, name="paper_attach"),
    path("moten/<int:pk>/hantera/tid/", manage.meeting_reschedule, name="meeting_reschedule"),
    path("moten/<int:pk>/hantera/stall-in/", manage.meeting_cancel, name="meeting_cancel"),
    path("moten/<int:pk>/hantera/kallelse/", manage.kallelse_send, name="kallelse_send"),
    path("moten/<int:pk>/hantera/narvaro/", manage.attendance_record, name="attendance_record"),
    path(
        "moten/<int:pk>/hantera/minnesanteckningar/",
        manage.minutes_start,
        name="minutes_start",
    ),
    path("moten/<int:pk>/franvaro/", member.report_absence, name="report_absence"),
    path("moten/<int:pk>/franvaro/aterkalla/", member.withdraw_absence, name="withdraw_absence"),
    path("mina-moten/", member.my_meetings, name="my_meetings"),
    path("mina-moten/kalenderadress/", member.calendar_feed_create, name="calendar_feed_create"),
    path("planering/", planning.planning_view, name="planning"),
    path("planering/nasta-ar/", planning.plan_year, name="plan_year"),
    path("planering/nasta-ar/boka/", planning.plan_year_book, name="plan_year_book"),
    path("underlag/<int:pk>/", public.paper_download, name="paper_download"),
    path("kalender/alla.ics", public.public_feed, name="public_feed"),
    path("kalender/grupp/<slug:slug>.ics", public.group_feed, name="group_feed"),
    # Tokens are url-safe base64; anything else is not a token and never reaches the database.
    re_path(
        r"^kalender/ledamot/(?P<token>[A-Za-z0-9_-]{16,64})\.ics$",
        public.member_feed,
        name="member_feed",
    ),
    path("minnesanteckningar/", minutes.minutes_list, name="minutes_list"),
    path("grupper/<slug:slug>/minnesanteckningar/", minutes.minutes_list, name="group_minutes"),
    path("minnesanteckningar/<int:pk>/", minutes.minutes_detail, name="minutes_detail"),
    path("minnesanteckningar/<int:pk>/pdf/", minutes.minutes_pdf, name="minutes_pdf"),
    path("minnesanteckningar/<int:pk>/redigera/", minutes.minutes_edit, name="minutes_edit"),
    path("minnesanteckningar/<int:pk>/spara/", minutes.minutes_save, name="minutes_save"),
    path("minnesanteckningar/<int:pk>/justera/", minutes.minutes_approve, name="minutes_approve"),
    path("minnesanteckningar/<int:pk>/rattelse/", minutes.minutes_correct, name="minutes_correct"),
]
