from django.apps import AppConfig


class FrontsConfig(AppConfig):
    name = "innova.fronts"
    label = "fronts"
