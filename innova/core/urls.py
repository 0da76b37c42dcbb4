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
    path("comentarios/<int:content_type_id>/<int:object_id>/", views.comment_create, name="comment_create"),
    path("comentarios/votar/<int:pk>/", views.comment_vote, name="comment_vote"),
    path("reportar/<int:content_type_id>/<int:object_id>/", views.flag_create, name="flag_create"),
    path("moderacion/", views.moderation_queue, name="moderation"),
    path(
        "moderacion/<int:content_type_id>/<int:object_id>/<str:action>/",
        views.moderation_action,
        name="moderation_action",
    ),
]
