from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
]
