from django.urls import path

from searchpage import views

# The page keeps its address names (`search:search`): the header's box and links use them.
app_name = "search"

urlpatterns = [
    path("sok/", views.search, name="search"),
]
