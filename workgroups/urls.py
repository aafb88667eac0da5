from django.urls import path

from workgroups import views

app_name = "workgroups"

urlpatterns = [
    path("arbetsgrupper/", views.working_group_list, name="list"),
    path("arbetsgrupper/ny/", views.working_group_new, name="new"),
    path("arbetsgrupper/ny/spara/", views.working_group_create, name="create"),
    path("arbetsgrupper/<int:pk>/", views.working_group_detail, name="detail"),
    path("arbetsgrupper/<int:pk>/forlang/", views.working_group_extend, name="extend"),
    path("arbetsgrupper/<int:pk>/leverera/", views.working_group_deliver, name="deliver"),
    path("arbetsgrupper/<int:pk>/avsluta/", views.working_group_close, name="close"),
]
