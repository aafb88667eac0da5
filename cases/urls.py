from django.urls import path

from cases.views import internal, public

app_name = "cases"

urlpatterns = [
    # Public (R-C4 decision status, R-C5 balance lists, R-C6 compilation, R-G6 own decisions)
    path("beslut/", public.recommendation_list, name="recommendation_list"),
    path("beslut/export.<str:fmt>", public.recommendation_export, name="recommendation_export"),
    path("beslut/<int:pk>/", public.recommendation_detail, name="recommendation_detail"),
    path(
        "beslut/<int:pk>/export.<str:fmt>",
        public.recommendation_matrix_export,
        name="recommendation_matrix_export",
    ),
    path("grupper/<slug:slug>/balanslista/", public.balance_list, name="balance_list"),
    path(
        "grupper/<slug:slug>/balanslista/export.<str:fmt>",
        public.balance_list_export,
        name="balance_list_export",
    ),
    path("grupper/<slug:slug>/egna-beslut/", public.own_decision_register, name="own_decisions"),
    path(
        "patientsakerhet/sammanstallning/",
        public.patient_safety_compilation,
        name="patient_safety_compilation",
    ),
    path(
        "patientsakerhet/sammanstallning/<int:year>.pdf",
        public.patient_safety_compilation_pdf,
        name="patient_safety_compilation_pdf",
    ),
    # Internal
    path("arenden/", internal.case_list, name="case_list"),
    path("arenden/nytt/", internal.case_create, name="case_create"),
    path("arenden/<int:pk>/", internal.case_detail, name="case_detail"),
    path("arenden/<int:pk>/hemvist/", internal.case_route, name="case_route"),
    path("arenden/<int:pk>/behandling/", internal.case_treat, name="case_treat"),
    path("arenden/<int:pk>/dagordning/", internal.case_put_on_agenda, name="case_agenda"),
    path("arenden/<int:pk>/anta/", internal.case_adopt, name="case_adopt"),
    path("arenden/<int:pk>/handling/", internal.case_add_document, name="case_add_document"),
    path("arenden/<int:pk>/handling/<int:doc>/", internal.document_download, name="document"),
    path("arenden/<int:pk>/folj/", internal.case_follow, name="case_follow"),
    path("arenden/<int:pk>/sluta-folja/", internal.case_unfollow, name="case_unfollow"),
    path("registrator/", internal.registrar_inbox, name="registrar_inbox"),
    path("registrator/<int:pk>/", internal.register_decision, name="register_decision"),
    path("registrator/<int:pk>/rattelse/", internal.correct_decision, name="correct_decision"),
    path(
        "beslut/<int:pk>/expediera/forhandsgranska/",
        internal.expedite_preview,
        name="expedite_preview",
    ),
    path("beslut/<int:pk>/expediera/", internal.recommendation_expedite, name="expedite"),
]
