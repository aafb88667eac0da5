"""django-axes is replaced by our own lockout (accounts/lockout.py, SignInFailure): drop its
tables and forget its migrations where an older installation has them. Nothing in them is needed:
failed and successful sign-ins are in the audit log, and a lockout lasts minutes."""

from django.db import migrations

AXES_TABLES = [
    "axes_accessattemptexpiration",  # refers to axes_accessattempt: dropped first
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
]


def drop_axes(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    quote = schema_editor.quote_name
    for table in AXES_TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {quote(table)}")
    schema_editor.execute("DELETE FROM django_migrations WHERE app = %s", ["axes"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_sign_in_failure")]

    operations = [migrations.RunPython(drop_axes, migrations.RunPython.noop)]
