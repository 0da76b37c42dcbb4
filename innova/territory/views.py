from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from . import selectors


def index(request):
    return render(request, "territory/index.html", {"upzs": selectors.upz_list()})


@cache_control(max_age=3600, public=True)
def map_config(request):
    return JsonResponse(selectors.map_config())
