from django.urls import path

from . import views

app_name = "debates"

urlpatterns = [
    path("", views.index, name="index"),
    path("nuevo/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cerrar/", views.close, name="close"),
    path("<int:pk>/argumentos/", views.argument_create, name="argument_create"),
    path("argumentos/<int:pk>/apoyo/", views.argument_support, name="argument_support"),
    path("solicitar/", views.request_create, name="request_create"),
    path("solicitudes/", views.requests, name="requests"),
    path("solicitudes/<int:pk>/<str:action>/", views.request_answer, name="request_answer"),
]
