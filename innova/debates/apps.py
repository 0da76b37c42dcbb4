from django.apps import AppConfig


class DebatesConfig(AppConfig):
    name = "innova.debates"
    label = "debates"
