from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
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
