import logging

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from innova.core.ranges import ranged_file_response

from . import selectors
from .maptiles import ARCHIVE_CONTENT_TYPE
from .maptiles import tiles_archive as tiles_archive_path

logger = logging.getLogger(__name__)


def index(request):
    return render(request, "territory/index.html", {"upzs": selectors.upz_list()})


@cache_control(max_age=3600, public=True)
def map_config(request):
    return JsonResponse(selectors.map_config())


@require_safe
def tiles_archive(request):
    """The operator's PMTiles archive (``MAP_TILES``), in the byte ranges the map's reader asks for."""
    archive = tiles_archive_path()
    if archive is None:
        raise Http404
    try:
        return ranged_file_response(
            request, archive, content_type=ARCHIVE_CONTENT_TYPE, cache_control="public, max-age=3600"
        )
    except OSError as error:
        logger.warning(
            "MAP_TILES names the archive %s, which cannot be read (%s): the maps show no streets.", archive, error
        )
        raise Http404 from None
