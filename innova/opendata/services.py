"""Open-data files: CSV and JSON per registered dataset and a Frictionless datapackage.json, in media storage."""

import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from innova.core import exports
from innova.core.permissions import require_perm

from . import registry
from .models import ApiToken, Export

FOLDER = "datos-abiertos"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def dataset_records(dataset: registry.Dataset):
    """Each public row as a dict of field name → JSON-ready value."""
    rows = dataset.rows()
    for row in rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows:
        yield {f.name: f.value(row) for f in dataset.fields}


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dataset_table_schema(dataset: registry.Dataset) -> dict:
    schema = {
        "fields": [
            {"name": f.name, "type": f.type, "description": f.description, "constraints": {"required": f.required}}
            for f in dataset.fields
        ],
        "missingValues": [""],
    }
    if dataset.primary_key:
        schema["primaryKey"] = [dataset.primary_key]
    return schema


# Where the files are published relative to /datos/datapackage.json (opendata:download), as the Frictionless spec
# resolves a resource's relative "path" against the descriptor's own URL.
DOWNLOADS = "descargas"


def datapackage(*, created=None) -> dict:
    resources = []
    for dataset in registry.datasets():
        schema = dataset_table_schema(dataset)
        resources.append(
            {
                "name": dataset.name.replace("_", "-"),
                "title": dataset.title,
                "description": dataset.description,
                "path": f"{DOWNLOADS}/{dataset.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "usme-innova",
        "title": "Usme Innova – datos abiertos",
        "description": "Public data of the Laboratorio de Innovación Pública Usme – Innova (Alcaldía Local de Usme, "
        "Bogotá). No personal data: authors and supporters are never published; places are rounded to 0.001° "
        "(~110 m).",
        "homepage": "/datos/",
        "licenses": [LICENSE],
        # UPZ codes and names follow IDECA's official boundaries, whose licence asks for credit and share alike.
        "sources": [{"title": "IDECA Bogotá, Mapa de Referencia para Bogotá D.C. 12.16 (UPZ); compartir igual"}],
        "created": (created or timezone.now()).isoformat(),
        "resources": resources,
    }


def _write(path: str, content: bytes) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def opendata_export(*, user=None) -> Export:
    """Write every dataset to media storage. ``user`` is the staff member asking now; None for the nightly task."""
    if user is not None:
        require_perm(user, "opendata.export_now")
    export = Export.objects.create(folder=FOLDER)
    counts = {}
    for dataset in registry.datasets():
        records = list(dataset_records(dataset))
        counts[dataset.name] = len(records)
        rows = [[f.name for f in dataset.fields]]
        rows += [[_csv_cell(record[f.name]) for f in dataset.fields] for record in records]
        _write(f"{FOLDER}/{dataset.name}.csv", exports.csv_text(rows, lineterminator="\n").encode())
        _write(f"{FOLDER}/{dataset.name}.json", json.dumps(records, ensure_ascii=False).encode())
    _write(f"{FOLDER}/datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2).encode())
    export.finished_at = timezone.now()
    export.row_counts = counts
    export.save(update_fields=["finished_at", "row_counts"])
    return export


@transaction.atomic
def opendata_erase_user(user) -> None:
    ApiToken.objects.filter(user=user).delete()
