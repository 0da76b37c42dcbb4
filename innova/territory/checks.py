"""``manage.py check`` (and every ``migrate``/``runserver``) warns when ``MAP_TILES`` names an archive the maps
cannot use, instead of the maps quietly showing no streets."""

import os

from django.conf import settings
from django.core.checks import Warning as CheckWarning

from .maptiles import ARCHIVE_SUFFIX, remote_archive, tiles_archive


def map_tiles_check(app_configs=None, **kwargs) -> list[CheckWarning]:
    archive = tiles_archive()
    if archive is not None and not (archive.is_file() and os.access(archive, os.R_OK)):
        return [
            CheckWarning(
                f"MAP_TILES names the PMTiles archive {archive}, which is not a readable file.",
                hint="Make it with `pmtiles extract` or `pmtiles convert` (README), or leave MAP_TILES empty.",
                id="territory.W001",
            )
        ]
    if remote_archive():
        return [
            CheckWarning(
                f"MAP_TILES is a remote {ARCHIVE_SUFFIX} address ({settings.MAP_TILES}): only a local archive, "
                "served by the app itself, is supported; the maps show no streets.",
                hint="Copy Usme's part of it with `pmtiles extract <address> usme.pmtiles --bbox=...` (README).",
                id="territory.W002",
            )
        ]
    return []
