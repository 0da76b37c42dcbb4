from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "innova.courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from innova.core import personal_data

        from . import selectors, services

        personal_data.register("courses", export=selectors.course_personal_data, erase=services.courses_erase_user)
