from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "innova.courses"
    label = "courses"
