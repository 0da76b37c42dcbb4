from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "innova.surveys"
    label = "surveys"
