"""The coordinators' pages for indicators, priorities, goals and agreements, under
/uppfoljning/hantera/ (included by `followup.urls`, names in its `followup:` namespace)."""

from django.urls import path

from followup import views_manage as views


def _crud(prefix: str, kind: str, plural: str) -> list:
    return [
        path(f"{prefix}/", getattr(views, f"{kind}_list"), name=f"content_{plural}"),
        path(f"{prefix}/ny/", getattr(views, f"{kind}_new"), name=f"content_{kind}_new"),
        path(
            f"{prefix}/ny/spara/",
            getattr(views, f"{kind}_create"),
            name=f"content_{kind}_create",
        ),
        path(f"{prefix}/<int:pk>/", getattr(views, f"{kind}_edit"), name=f"content_{kind}_edit"),
        path(
            f"{prefix}/<int:pk>/spara/",
            getattr(views, f"{kind}_update"),
            name=f"content_{kind}_update",
        ),
    ]


urlpatterns = [
    *_crud("indikatorer", "indicator", "indicators"),
    *_crud("prioriteringar", "priority", "priorities"),
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
    *_crud("mal", "goal", "goals"),
    *_crud("overenskommelser", "agreement", "agreements"),
]
