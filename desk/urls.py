from django.urls import path

from desk import views

app_name = "desk"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("att-gora/", views.desk, name="desk"),
    path("att-gora/kvittera/", views.acknowledge, name="acknowledge"),
    path("att-gora/skjut-upp/", views.snooze, name="snooze"),
    path("mitt/", views.mine, name="mine"),
    path("mitt/sammanfattning/", views.digest_setting, name="digest_setting"),
]
