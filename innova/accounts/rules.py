import rules

from innova.core.predicates import is_active_user, is_administrator, is_staff_member

rules.add_perm("accounts.claim_role", is_active_user)
rules.add_perm("accounts.verify_role_claim", is_administrator)
rules.add_perm("accounts.assign_staff_role", is_administrator)
rules.add_perm("accounts.view_staff_area", is_staff_member)
