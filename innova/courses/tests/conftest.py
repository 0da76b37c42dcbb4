import pytest

from innova.courses.models import Course, Session
from innova.courses.services import course_search_update


@pytest.fixture
def make_course(db, make_user):
    """make_course(sessions=5, **fields): a published course with sessions in two modules and an instructor."""

    def make(sessions=5, instructor=None, **extra):
        extra.setdefault("slug", f"curso-{Course.objects.count() + 1}")
        extra.setdefault("title", "Innovación pública para líderes comunitarios")
        extra.setdefault("summary", "Herramientas para resolver problemas del barrio.")
        extra.setdefault("description", "Cinco sesiones prácticas.")
        extra.setdefault("hours", 12)
        extra.setdefault("final_activity", "Presentar un prototipo")
        course = Course.objects.create(**extra)
        course_search_update(course=course)  # as the admin's save does
        course.instructors.add(instructor or make_user("citizen", display_name="Instructora"))
        for n in range(sessions):
            Session.objects.create(course=course, module=f"Módulo {n // 3 + 1}", title=f"Sesión {n + 1}", order=n)
        return course

    return make
