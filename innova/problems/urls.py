from django.urls import path

from . import views

app_name = "problems"

urlpatterns = [
    path("", views.index, name="index"),
    path("mapa/", views.map_view, name="map"),
    path("mapa.json", views.map_points, name="map_points"),
    path("nuevo/", views.report, name="report"),
    path("similares/", views.similar, name="similar"),
    path("pendientes/", views.pending, name="pending"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/fotos/<int:photo>.jpg", views.photo, name="photo"),
    path("<int:pk>/fotos/<int:photo>-miniatura.jpg", views.photo, {"thumbnail": True}, name="photo_thumbnail"),
    path("<int:pk>/revisar/", views.review, name="review"),
    path("<int:pk>/apoyar/", views.support, name="support"),
    path("<int:pk>/seguir/", views.follow, name="follow"),
    path("<int:pk>/estado/", views.change_status, name="change_status"),
    path("<int:pk>/responder/", views.answer, name="answer"),
]
