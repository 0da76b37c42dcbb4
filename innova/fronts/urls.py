from django.urls import path

from . import views

app_name = "fronts"

urlpatterns = [
    path("", views.index, name="index"),
    path("nuevo/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/unirse/", views.join, name="join"),
    path("<slug:slug>/salir/", views.leave, name="leave"),
    path("<slug:slug>/solicitudes/<int:pk>/", views.decide, name="decide"),
    path("<slug:slug>/sesiones/nueva/", views.session_create, name="session_create"),
    path("<slug:slug>/sesiones/<int:pk>/", views.session_detail, name="session"),
    path("<slug:slug>/problemas/", views.link_problem, name="link_problem"),
]
