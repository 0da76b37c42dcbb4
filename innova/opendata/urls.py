from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("descargas/<slug:name>.<str:fmt>", views.download, name="download"),
    path("exportar/", views.export_now, name="export_now"),
    path("informe/", views.monthly_report, name="report"),
]
