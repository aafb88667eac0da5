from django.urls import path

from annualcycle import views

app_name = "annualcycle"

urlpatterns = [
    path("arshjul/", views.annual_cycle, name="cycle"),
    path("arshjul/<int:year>.ics", views.annual_cycle_ics, name="ics"),
]
