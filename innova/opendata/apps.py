from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "innova.opendata"
    label = "opendata"
