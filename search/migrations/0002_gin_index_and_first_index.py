"""PostgreSQL: the GIN index on the tsvector (SQLite has no GIN; it searches the folded text).
Then the index is filled from what the database already holds."""

from django.db import migrations

INDEX = "search_document_vector_gin"


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON search_document USING gin (vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def fill(apps, schema_editor):
    from search.documents import reindex

    reindex(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("cases", "0003_decision_comment_and_decision_corrections"),
        ("meetings", "0002_remove_meeting_justeringsperson"),
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
