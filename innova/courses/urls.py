from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.index, name="index"),
    path("mis-cursos/", views.mine, name="mine"),
    path("certificados/<str:code>.pdf", views.certificate_download, name="certificate_download"),
    path("certificados/<str:code>/revocar/", views.certificate_revoke, name="certificate_revoke"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/inscribirse/", views.enroll, name="enroll"),
    path("<slug:slug>/asistencia/", views.manage, name="manage"),
]
