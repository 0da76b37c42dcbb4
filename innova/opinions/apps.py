from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "innova.opinions"
    label = "opinions"
