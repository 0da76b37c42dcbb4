from django.db import migrations

from innova.territory.data import UPZS


def load(apps, schema_editor):
    Upz = apps.get_model("territory", "Upz")
    for code, name, kind, (clat, clon), (min_lat, min_lon, max_lat, max_lon) in UPZS:
        Upz.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name, kind=kind, centroid_lat=clat, centroid_lon=clon,
                min_lat=min_lat, min_lon=min_lon, max_lat=max_lat, max_lon=max_lon,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
