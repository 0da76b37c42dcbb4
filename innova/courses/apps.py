from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class CoursesConfig(app_config.InnovaAppConfig):
    name = "innova.courses"
    verbose_name = _("Courses")
    personal_data = ("courses", ".selectors.course_personal_data", ".services.courses_erase_user")
