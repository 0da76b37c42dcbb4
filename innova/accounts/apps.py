from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innova.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from innova.core import baseline, personal_data
        from innova.core import views as core_views

        from . import selectors, services

        personal_data.register("account", export=selectors.user_account_data, erase=services.accounts_erase_user)
        baseline.register(services.policy_publish_shipped)
        core_views.policy_source_register(selectors.policy_current)
