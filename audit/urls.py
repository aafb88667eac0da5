from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("granskning/", views.event_list, name="event_list"),
    path("granskning/sparrade-inloggningar/", views.lockout_list, name="lockout_list"),
    path("granskning/sparrade-inloggningar/hav/", views.lockout_lift, name="lockout_lift"),
]
