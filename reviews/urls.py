from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("revisioner/", views.overview, name="overview"),
    path("revisioner/registrera/", views.record, name="record"),
]
