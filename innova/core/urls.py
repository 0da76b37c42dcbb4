from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("politica-de-datos/", views.data_policy, name="data_policy"),
    path("terminos/", views.terms, name="terms"),
    path("accesibilidad/", views.accessibility, name="accessibility"),
    path("contacto/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sw.js", views.service_worker, name="service_worker"),
]
