from django.urls import path

from structure import views

app_name = "structure"

urlpatterns = [
    path("grupper/", views.group_list, name="group_list"),
    path("grupper/<slug:slug>/", views.group_detail, name="group_detail"),
    path("huvudman/", views.principal_list, name="principal_list"),
    path("huvudman/<slug:slug>/", views.principal_detail, name="principal_detail"),
    path("regelkontroll/", views.rules_check, name="rules_check"),
]
