from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.index, name="index"),
    path("mias/", views.mine, name="mine"),
    path("nueva/", views.create, name="create"),
    path("similares/", views.similar, name="similar"),
    path("pendientes/", views.pending, name="pending"),
    path("invitacion/<uuid:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/editar/", views.edit, name="edit"),
    path("<int:pk>/publicar/", views.publish, name="publish"),
    path("<int:pk>/versiones/", views.versions, name="versions"),
    path("<int:pk>/apoyar/", views.support, name="support"),
    path("<int:pk>/estado/", views.change_status, name="change_status"),
    path("<int:pk>/invitar/", views.invite, name="invite"),
]
