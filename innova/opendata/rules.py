import rules

from innova.core.predicates import is_official_or_staff, is_staff_member

# Regenerate the open-data files now instead of waiting for the nightly run.
rules.add_perm("opendata.export_now", is_staff_member)
# The monthly report for the Alcaldía (PDF).
rules.add_perm("opendata.view_report", is_official_or_staff)
