from django.urls import path

from . import ideas

app_name = "ideas"

urlpatterns = [
    path("", ideas.index, name="index"),
    path("bandeja/", ideas.queue, name="queue"),
    path("<int:pk>/clasificar/", ideas.triage, name="triage"),
    path("seguimiento/<uuid:token>/", ideas.track, name="track"),
]
