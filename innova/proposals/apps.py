from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "innova.proposals"
    label = "proposals"
