from django.urls import include, path

from followup import views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", views.overview, name="overview"),
    path("uppfoljning/processmatt.<str:fmt>", views.process_export, name="process_export"),
    path("uppfoljning/grupp/<slug:slug>/", views.group_measures, name="group_measures"),
    path(
        "uppfoljning/grupp/<slug:slug>/processmatt.<str:fmt>",
        views.process_export,
        name="group_process_export",
    ),
    path("uppfoljning/indikatorer/", views.indicator_list, name="indicator_list"),
    path("uppfoljning/indikatorer/<str:code>/", views.indicator_detail, name="indicator_detail"),
    path("uppfoljning/prioriteringar/", views.priority_list, name="priority_list"),
    path("uppfoljning/prioriteringar/<int:pk>/", views.priority_detail, name="priority_detail"),
    path("uppfoljning/enkater/", views.survey_results, name="survey_results"),
    path("uppfoljning/genomforande/", views.implementation, name="implementation"),
    path("uppfoljning/hantera/", views.manage, name="manage"),
    path("uppfoljning/hantera/", include("followup.urls_manage")),
    path("uppfoljning/hantera/enkat/", views.open_round, name="open_round"),
    path("uppfoljning/hantera/paminnelser/", views.send_reminders, name="send_reminders"),
    path("uppfoljning/hantera/uppfoljning/", views.record_follow_up, name="record_follow_up"),
    path("enkat/<str:token>/", views.survey_answer, name="survey_answer"),
]
