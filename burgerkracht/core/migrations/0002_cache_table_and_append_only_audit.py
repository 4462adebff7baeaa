"""The database cache table, and a PostgreSQL trigger that keeps the audit trail append-only.

The trigger allows one change: setting `actor_id` to NULL when an account is erased.
"""

from django.core.management import call_command
from django.db import migrations

CREATE_TRIGGER = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'core_auditevent is append-only';
    END IF;
    IF NEW.actor_id IS NOT NULL
       OR NEW.id IS DISTINCT FROM OLD.id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.subject_type_id IS DISTINCT FROM OLD.subject_type_id
       OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
       OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.data IS DISTINCT FROM OLD.data THEN
        RAISE EXCEPTION 'core_auditevent is append-only';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS burgerkracht_cache")


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_TRIGGER)


def remove_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
        migrations.RunPython(add_trigger, remove_trigger),
    ]
