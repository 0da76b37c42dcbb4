from django.apps import AppConfig


class BrainstormsConfig(AppConfig):
    name = "innova.brainstorms"
    label = "brainstorms"
