from django.db import migrations


def administrators_not_superusers(apps, schema_editor):
    """Administrators keep the Django admin (is_staff) but stop being superusers, who pass every rule."""
    User = apps.get_model("accounts", "User")
    User.objects.filter(role="administrator").update(is_superuser=False, is_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_policy_v1"),
    ]

    operations = [
        migrations.RunPython(administrators_not_superusers, migrations.RunPython.noop),
    ]
