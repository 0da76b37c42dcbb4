"""Load the official UPZ boundaries (IDECA Bogotá) and put every report and event with a point in the right zone.

The hand-drawn boxes of 0002 overlapped and sat far from the real UPZs; points are placed again against the real
shapes. A point that is now outside Usme keeps its UPZ (nothing is lost); the counts are printed.
"""

from django.db import migrations

from innova.territory.geometry import zone_for_point, zone_rows


def _relocate(model, upz_by_code) -> tuple[int, int, int]:
    changed, outside, rows = [], 0, list(model.objects.filter(latitude__isnull=False, longitude__isnull=False))
    for row in rows:
        zone = zone_for_point(lat=row.latitude, lon=row.longitude)
        if zone is None:
            outside += 1
        elif row.upz_id != upz_by_code[zone.code].pk:
            row.upz_id = upz_by_code[zone.code].pk
            changed.append(row)
    model.objects.bulk_update(changed, ["upz"], batch_size=500)
    return len(rows), len(changed), outside


def load(apps, schema_editor):
    Upz = apps.get_model("territory", "Upz")
    for code, defaults in zone_rows().items():
        Upz.objects.update_or_create(code=code, defaults=defaults)
    upz_by_code = {upz.code: upz for upz in Upz.objects.all()}
    for label, model in (
        ("problem reports", apps.get_model("problems", "Problem")),
        ("events", apps.get_model("agenda", "Event")),
    ):
        checked, changed, outside = _relocate(model, upz_by_code)
        if checked:
            print(f"\n  {label}: {checked} with a point, {changed} moved to another UPZ, {outside} outside Usme kept")


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0003_upz_boundary"),
        ("problems", "0006_photos_private_storage"),
        ("agenda", "0004_search_vector"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
