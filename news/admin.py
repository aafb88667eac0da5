from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin
from news.models import NewsItem, Page


@admin.register(NewsItem)
class NewsItemAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    may_view = staticmethod(permissions.can_publish)
    list_display = ["title", "published_at"]


@admin.register(Page)
class PageAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    may_view = staticmethod(permissions.can_publish)
    list_display = ["title", "slug", "updated_at"]
