from django.urls import path

from publicsite import views

app_name = "publicsite"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisationsschema.svg", views.chart_svg, name="chart_svg"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
