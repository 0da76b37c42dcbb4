"""One's courses and a course's attendance roster cost the same number of queries with 3 rows as with 60."""

from django.urls import reverse

from innova.courses import services


def test_my_courses_queries_do_not_grow_with_rows(list_queries_constant, make_course, make_user, citizen):
    def add(n):
        for _ in range(n):
            services.course_enroll(user=citizen, course=make_course(sessions=2, published=True))

    list_queries_constant(reverse("courses:mine"), add, user=citizen)


def test_roster_queries_do_not_grow_with_rows(list_queries_constant, make_course, make_user, facilitator):
    course = make_course(sessions=3, published=True, capacity=100, instructor=facilitator)

    def add(n):
        for _ in range(n):
            services.course_enroll(user=make_user("citizen"), course=course)

    list_queries_constant(reverse("courses:manage", args=[course.slug]), add, user=facilitator)
