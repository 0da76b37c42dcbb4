"""One way to write dates in Spanish, as Colombia does: "12 de diciembre de 2026" (long), "12 dic. 2026" (short).

Month names are lower-case (innova/locale overrides Django's es_CO catalogue, which capitalises them). Input
formats stay Django's es_CO ones (dd/mm/yyyy).
"""

from django.conf.locale.es_CO.formats import *  # noqa: F403

DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, g:i a"
