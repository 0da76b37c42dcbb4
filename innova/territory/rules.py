import rules

from innova.core.predicates import is_official_or_staff

# The exact point of a report can reveal a home: only the staff who must go there see it; everyone else (pages,
# API, map data, open data) gets the point coarsened to a ~110 m grid (territory.selectors.public_point).
rules.add_perm("territory.view_exact_location", is_official_or_staff)
