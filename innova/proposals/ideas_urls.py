from django.urls import path

from . import views_ideas

app_name = "ideas"

urlpatterns = [
    path("", views_ideas.index, name="index"),
    path("bandeja/", views_ideas.queue, name="queue"),
    path("<int:pk>/clasificar/", views_ideas.triage, name="triage"),
    path("seguimiento/<uuid:token>/", views_ideas.track, name="track"),
]
