from celery import shared_task

from .report import previous_month, report_store
from .services import opendata_export


@shared_task
def opendata_export_nightly() -> dict:
    """Refresh the open-data files (scheduled every night; see the opendata block at the end of settings.py)."""

    return opendata_export().row_counts


@shared_task
def opendata_monthly_report() -> str:
    """On the 1st of each month: the PDF report of the month before, stored in media (informes/)."""

    year, month = previous_month()
    return report_store(year=year, month=month)
