"""Spreadsheet export: one row per response, one column per question or option, and a codebook sheet."""

import itertools

from django.utils.translation import gettext as _

from .models import Survey
from .selectors import export_columns, export_rows


def responses_sheets(*, survey: Survey) -> list[tuple[str, object]]:
    """The workbook's sheets as ``(title, rows)``; the responses are read while the file is written."""
    columns = export_columns(survey=survey)
    responses = itertools.chain([[c.name for c in columns]], export_rows(survey=survey, columns=columns))
    codebook = [[_("Column"), _("Question"), _("Type"), _("Values")]]
    codebook += [[column.name, column.label, str(column.kind), column.codes] for column in columns]
    info = [[_("Title"), survey.title], [_("Responses"), survey.response_count]]
    return [(_("Responses"), responses), (_("Codebook"), codebook), (_("Survey"), info)]
