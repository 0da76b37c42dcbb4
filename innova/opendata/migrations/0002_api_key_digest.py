"""Store a digest of each API key instead of the key itself (existing keys keep working)."""

import hashlib

from django.db import migrations, models


def digest_existing_keys(apps, schema_editor):
    ApiToken = apps.get_model("opendata", "ApiToken")
    for token in ApiToken.objects.all():
        token.digest = hashlib.sha256(token.key.encode()).hexdigest()
        token.prefix = token.key[:6]
        token.save(update_fields=["digest", "prefix"])


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="digest", field=models.CharField(editable=False, max_length=64, null=True)
        ),
        migrations.AddField(
            model_name="apitoken",
            name="prefix",
            field=models.CharField(default="", editable=False, max_length=8, verbose_name="starts with"),
            preserve_default=False,
        ),
        migrations.RunPython(digest_existing_keys, migrations.RunPython.noop),
        migrations.RemoveField(model_name="apitoken", name="key"),
        migrations.AlterField(
            model_name="apitoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
