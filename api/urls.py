from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("konto/api-nycklar/", views.token_list, name="token_list"),
    path("konto/api-nycklar/ny/", views.token_create, name="token_create"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", views.token_revoke, name="token_revoke"),
]
