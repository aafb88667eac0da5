from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    # The harvest address (content negotiation) and one address per format.
    path("katalog", views.catalogue_rdf, name="catalogue_rdf"),
    path("katalog.rdf", views.catalogue_rdfxml, name="catalogue_rdfxml"),
    path("katalog.ttl", views.catalogue_turtle, name="catalogue_turtle"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
]
