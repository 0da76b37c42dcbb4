from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Upz",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=10, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[("urban", "Urban UPZ"), ("rural", "Rural zone")],
                        default="urban",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("centroid_lat", models.FloatField()),
                ("centroid_lon", models.FloatField()),
                ("min_lat", models.FloatField()),
                ("min_lon", models.FloatField()),
                ("max_lat", models.FloatField()),
                ("max_lon", models.FloatField()),
            ],
            options={"verbose_name": "UPZ", "verbose_name_plural": "UPZs", "ordering": ["kind", "code"]},
        ),
    ]
