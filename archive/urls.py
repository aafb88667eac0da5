from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("arkiv/", views.delivery_list, name="delivery_list"),
    path("arkiv/exportera/", views.export, name="export"),
    path("arkiv/<int:pk>/paket.zip", views.download, name="download"),
]
