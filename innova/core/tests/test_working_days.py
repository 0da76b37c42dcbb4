"""Answer deadlines count working days on Colombia's calendar: Monday to Friday minus the national holidays.

The dates below are the official calendars (Ley 51 de 1983 "Ley Emiliani" moves most holidays to the next
Monday; Holy Thursday, Good Friday, Ascension, Corpus Christi and Sacred Heart follow Easter; Ley 2578 de 2026
adds the Virgin of Chiquinquirá on 9 July, moved to Monday).
"""

import datetime

import pytest

from innova.core.participation import BOGOTA, add_working_days, working_day_is

OFFICIAL_HOLIDAYS = {
    2026: [
        "01-01", "01-12", "03-23", "04-02", "04-03", "05-01", "05-18", "06-08", "06-15", "06-29",
        "07-13", "07-20", "08-07", "08-17", "10-12", "11-02", "11-16", "12-08", "12-25",
    ],
    2027: [
        "01-01", "01-11", "03-22", "03-25", "03-26", "05-01", "05-10", "05-31", "06-07", "07-05",
        "07-12", "07-20", "08-07", "08-16", "10-18", "11-01", "11-15", "12-08", "12-25",
    ],
}  # fmt: skip


def _dates(year):
    return [datetime.date.fromisoformat(f"{year}-{md}") for md in OFFICIAL_HOLIDAYS[year]]


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_official_holiday_is_not_a_working_day(year):
    assert [day for day in _dates(year) if working_day_is(day)] == []


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_other_weekday_is_a_working_day(year):
    holidays_ = set(_dates(year))
    day, wrong = datetime.date(year, 1, 1), []
    while day.year == year:
        if working_day_is(day) != (day.weekday() < 5 and day not in holidays_):
            wrong.append(day)
        day += datetime.timedelta(days=1)
    assert wrong == []


def _bogota(*args):
    return datetime.datetime(*args, tzinfo=BOGOTA)


def test_threshold_reached_on_4_december_2026_is_due_after_the_holidays():
    # 15 working days skip 8 December (Immaculate Conception) and 25 December (Christmas).
    due = add_working_days(_bogota(2026, 12, 4, 15, 0), 15)
    assert due == _bogota(2026, 12, 29, 15, 0)


def test_deadlines_skip_emiliani_mondays_and_holy_week():
    # Friday before the Emiliani Monday of Saint Joseph (23 March 2026): the next working day is Tuesday.
    assert add_working_days(_bogota(2026, 3, 20, 9), 1) == _bogota(2026, 3, 24, 9)
    # Holy Week 2027: Wednesday 24 March + 1 working day jumps Thursday and Good Friday to Monday 29 March.
    assert add_working_days(_bogota(2027, 3, 24, 9), 1) == _bogota(2027, 3, 29, 9)


def test_days_are_counted_on_bogota_calendar_not_utc():
    # Friday 4 December 2026 at 23:30 in Bogotá is already Saturday in UTC.
    start = _bogota(2026, 12, 4, 23, 30).astimezone(datetime.UTC)
    due = add_working_days(start, 1)
    assert due.astimezone(BOGOTA) == _bogota(2026, 12, 7, 23, 30)  # Monday 7, not Sunday night
