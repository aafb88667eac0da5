from django.urls import path

from structure import manage_views, views

app_name = "structure"

urlpatterns = [
    path("grupper/", views.group_list, name="group_list"),
    path("grupper/<slug:slug>/", views.group_detail, name="group_detail"),
    path("huvudman/", views.principal_list, name="principal_list"),
    path("huvudman/<slug:slug>/", views.principal_detail, name="principal_detail"),
    path("regelkontroll/", views.rules_check, name="rules_check"),
    path("personer/", manage_views.person_list, name="person_list"),
    path("personer/<int:pk>/", manage_views.person_detail, name="person_detail"),
    path("platser/tillsatt/", manage_views.seat_fill, name="seat_fill"),
    path("platser/<int:pk>/avsluta/", manage_views.seat_end, name="seat_end"),
    path("platser/<int:pk>/byt-ersattare/", manage_views.seat_substitute, name="seat_substitute"),
]
