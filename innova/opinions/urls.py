from django.urls import path

from . import views

app_name = "opinions"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.map_view, name="map"),
    path("<int:pk>/votar/", views.vote, name="vote"),
    path("<int:pk>/mis-votos/", views.my_votes, name="my_votes"),
    path("<int:pk>/proponer/", views.propose, name="propose"),
    path("<int:pk>/moderar/", views.moderate, name="moderate"),
    path("<int:pk>/exportar.zip", views.export, name="export"),
    path("<int:pk>/importar/", views.import_polis, name="import"),
    path("<int:pk>/recalcular/", views.recompute, name="recompute"),
]
