from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Uppföljning"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from followup import sql

        connection_created.connect(sql.register_sqlite, dispatch_uid="followup-sqlite-median")
