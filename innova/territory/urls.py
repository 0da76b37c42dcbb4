from django.urls import path

from . import views

app_name = "territory"

urlpatterns = [
    path("", views.index, name="index"),
    path("mapa.json", views.map_config, name="map_config"),
    path("teselas.pmtiles", views.tiles_archive, name="tiles_archive"),
]
