from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "innova.problems"
    label = "problems"
    verbose_name = _("Problems")

    def ready(self):
        from innova.core import baseline, moderation, personal_data, visibility

        from . import selectors, services
        from .models import Problem

        moderation.register(Problem, comment_max_depth=1)
        visibility.register(Problem, "problems.view_problem")
        personal_data.register("problems", export=selectors.problem_personal_data, erase=services.problems_erase_user)
        baseline.register(services.themes_load)
