from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class AccountsConfig(app_config.InnovaAppConfig):
    name = "innova.accounts"
    verbose_name = _("Accounts")
    personal_data = ("account", ".selectors.user_account_data", ".services.accounts_erase_user")
    baseline = (".services.policy_publish_shipped",)
    registers = (("innova.core.views.policy_source_register", ".selectors.policy_current"),)
