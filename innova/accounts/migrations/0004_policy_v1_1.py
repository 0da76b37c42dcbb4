"""Policy 1.1: course certificates stay verifiable after the holder deletes their account (issue #19), and the exact
place of a report is private while the published point is rounded (issue #18.7)."""

from django.db import migrations

from innova.accounts.policy_text import SHIPPED


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("accounts", "PolicyVersion")
    version, body, published_at = next(row for row in SHIPPED if row[0] == "1.1")
    PolicyVersion.objects.get_or_create(version=version, defaults={"body": body, "published_at": published_at})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_administrators_not_superusers")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
