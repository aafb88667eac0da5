from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("nya-ledamoter/anmal/", views.report, name="report"),
    path("nya-ledamoter/anmal/skicka/", views.report_send, name="report_send"),
    path("nya-ledamoter/", views.checklist_list, name="list"),
    path("nya-ledamoter/<int:pk>/", views.detail, name="detail"),
    path("nya-ledamoter/<int:pk>/person/", views.link, name="link"),
    path("nya-ledamoter/<int:pk>/plats/", views.seat, name="seat"),
    path("nya-ledamoter/<int:pk>/steg/", views.step, name="step"),
    path("nya-ledamoter/<int:pk>/valkomstbrev/", views.welcome, name="welcome"),
]
