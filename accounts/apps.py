from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Konton och roller"


class SamverkanAdminConfig(AdminConfig):
    """The Django admin, opened to coordinators through our one permission module."""

    default_site = "accounts.admin_site.SamverkanAdminSite"
