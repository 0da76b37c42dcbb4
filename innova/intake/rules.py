import rules

from innova.core.predicates import is_official_or_staff, is_staff_member

# Facilitators (and administrators) enter reports on behalf of residents at attention points.
rules.add_perm("intake.assisted_report", is_staff_member)
rules.add_perm("intake.view_dashboard", is_official_or_staff)
