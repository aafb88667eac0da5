from django.urls import path

from preparation import views

app_name = "preparation"

urlpatterns = [
    path("au-moten/<int:pk>/beredning/", views.prepare, name="prepare"),
    path("au-moten/<int:pk>/beredning/foresla/", views.propose, name="propose"),
    path("au-moten/<int:pk>/beredning/arende/", views.propose_case, name="propose_case"),
    path("au-moten/<int:pk>/beredning/<int:item_pk>/flytta/", views.move, name="move"),
    path("au-moten/<int:pk>/beredning/<int:item_pk>/ta-bort/", views.remove, name="remove"),
    path("au-moten/<int:pk>/beredning/anta/", views.adopt, name="adopt"),
]
