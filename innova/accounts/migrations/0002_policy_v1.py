import datetime

from django.db import migrations

from innova.accounts.policy_text import POLICY_V1


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("accounts", "PolicyVersion")
    PolicyVersion.objects.get_or_create(
        version="1.0",
        defaults={"body": POLICY_V1, "published_at": datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)},
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
