from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.index, name="index"),
    path("mis-cursos/", views.mine, name="mine"),
    path("nuevo/", views.create, name="create"),
    path("certificados/<str:code>.pdf", views.certificate_download, name="certificate_download"),
    path("certificados/<str:code>/revocar/", views.certificate_revoke, name="certificate_revoke"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/inscribirse/", views.enroll, name="enroll"),
    path("<slug:slug>/asistencia/", views.manage, name="manage"),
    path("<slug:slug>/editar/", views.edit, name="edit"),
    path("<slug:slug>/publicar/", views.publish, name="publish"),
    path("<slug:slug>/sesiones/", views.sessions, name="sessions"),
    path("<slug:slug>/sesiones/<int:pk>/eliminar/", views.session_delete, name="session_delete"),
    path("<slug:slug>/materiales/", views.materials, name="materials"),
    path("<slug:slug>/materiales/<int:pk>/archivo/", views.material_file, name="material_file"),
    path("<slug:slug>/materiales/<int:pk>/eliminar/", views.material_delete, name="material_delete"),
]
