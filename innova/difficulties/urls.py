from django.urls import path

from . import views

app_name = "difficulties"

urlpatterns = [
    path("", views.index, name="index"),
    path("nueva/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/editar/", views.edit, name="edit"),
    path("<int:pk>/estado/", views.change_status, name="change_status"),
    path("frente/<slug:slug>/", views.front_matrix, name="front_matrix"),
]
