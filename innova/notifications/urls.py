from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("leidas/", views.mark_read, name="mark_read"),
    path("<int:pk>/leida/", views.mark_one_read, name="mark_one_read"),
    path("preferencias/", views.preferences, name="preferences"),
    path("baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("seguir/<int:content_type_id>/<int:object_id>/", views.follow, name="follow"),
]
