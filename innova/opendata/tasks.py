from celery import shared_task


@shared_task
def opendata_export_nightly() -> dict:
    """Refresh the open-data files (scheduled every night; see the opendata block at the end of settings.py)."""
    from .services import opendata_export

    return opendata_export().row_counts
