from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("granskning/", views.event_list, name="event_list"),
    path("granskning/sparrade-inloggningar/", views.lockout_list, name="lockout_list"),
]
