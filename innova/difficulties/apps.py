from django.apps import AppConfig


class DifficultiesConfig(AppConfig):
    name = "innova.difficulties"
    label = "difficulties"
