"""Spreadsheet export: one row per response, one column per question or option, and a codebook sheet."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Survey
from .selectors import export_columns, export_rows


def responses_xlsx(*, survey: Survey) -> bytes:
    columns = export_columns(survey=survey)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    sheet.append([c.name for c in columns])
    for row in export_rows(survey=survey, columns=columns):
        sheet.append(row)
    codebook = workbook.create_sheet(_("Codebook"))
    codebook.append([_("Column"), _("Question"), _("Type"), _("Values")])
    for column in columns:
        codebook.append([column.name, column.label, str(column.kind), column.codes])
    info = workbook.create_sheet(_("Survey"))
    info.append([_("Title"), survey.title])
    info.append([_("Responses"), survey.response_count])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
