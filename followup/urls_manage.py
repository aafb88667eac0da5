"""The coordinators' pages for indicators, priorities, goals and agreements, under
/uppfoljning/hantera/ (included by `followup.urls`, names in its `followup:` namespace)."""

from django.urls import path

from followup import views_manage as views


def _crud(prefix: str, kind: views.Content) -> list:
    """The five pages of one kind: the shared views, told which kind they serve."""
    given = {"kind": kind}
    return [
        path(f"{prefix}/", views.content_list, given, name=f"content_{kind.plural}"),
        path(f"{prefix}/ny/", views.content_new, given, name=f"content_{kind.key}_new"),
        path(f"{prefix}/ny/spara/", views.content_create, given, name=f"content_{kind.key}_create"),
        path(f"{prefix}/<int:pk>/", views.content_edit, given, name=f"content_{kind.key}_edit"),
        path(
            f"{prefix}/<int:pk>/spara/",
            views.content_update,
            given,
            name=f"content_{kind.key}_update",
        ),
    ]


urlpatterns = [
    *_crud("indikatorer", views.INDICATOR),
    *_crud("prioriteringar", views.PRIORITY),
    path(
        "prioriteringar/<int:pk>/avsluta/",
        views.priority_end_confirm,
        name="content_priority_end_confirm",
    ),
    path(
        "prioriteringar/<int:pk>/avsluta/bekrafta/",
        views.priority_end,
        name="content_priority_end",
    ),
    *_crud("mal", views.GOAL),
    *_crud("overenskommelser", views.AGREEMENT),
]
