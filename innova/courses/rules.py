import rules

from innova.core.predicates import is_active_user, is_staff_member


@rules.predicate
def is_open_for_enrollment(user, course) -> bool:
    return course is None or (course.published and course.enrollment_open)


@rules.predicate
def is_instructor(user, course) -> bool:
    return course is not None and user.is_authenticated and course.instructors.filter(pk=user.pk).exists()


@rules.predicate
def is_certificate_holder(user, certificate) -> bool:
    return (
        certificate is not None
        and certificate.enrollment is not None
        and user.is_authenticated
        and certificate.enrollment.user_id == user.pk
    )


rules.add_perm("courses.enroll_course", is_active_user & is_open_for_enrollment)
# Instructors of the course and lab staff take attendance and mark the final activity.
rules.add_perm("courses.teach_course", is_active_user & (is_staff_member | is_instructor))
rules.add_perm("courses.view_certificate_pdf", is_active_user & (is_certificate_holder | is_staff_member))
rules.add_perm("courses.revoke_certificate", is_staff_member)
# Lab staff draft and publish courses; a course's instructors keep its contents (sessions, materials) up to date.
rules.add_perm("courses.add_course", is_active_user & is_staff_member)
rules.add_perm("courses.change_course", is_active_user & (is_staff_member | is_instructor))
rules.add_perm("courses.publish_course", is_active_user & is_staff_member)
