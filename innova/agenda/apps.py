from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "innova.agenda"
    label = "agenda"
