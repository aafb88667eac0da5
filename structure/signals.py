"""Every change of a structure model bumps the structure version (see `structure.cache`)."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from structure.cache import bump_version
from structure.models import StructureVersion


def _bump(sender, **kwargs) -> None:
    bump_version()


def structure_models() -> list:
    """The structure app's own models (not their history tables, not the version row)."""
    return [
        model
        for model in apps.get_app_config("structure").get_models()
        if model is not StructureVersion and not model.__name__.startswith("Historical")
    ]


def connect() -> None:
    for model in structure_models():
        post_save.connect(_bump, sender=model, dispatch_uid=f"structure-version-save-{model}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"structure-version-del-{model}")
