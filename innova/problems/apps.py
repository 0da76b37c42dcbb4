from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class ProblemsConfig(app_config.InnovaAppConfig):
    name = "innova.problems"
    verbose_name = _("Problems")
    personal_data = ("problems", ".selectors.problem_personal_data", ".services.problems_erase_user")
    moderated = {"Problem": {"comment_max_depth": 1}}
    visible = {"Problem": "problems.view_problem"}
    baseline = (".services.themes_load",)
