"""The hot pages print dates and moments exactly as Django's templates would."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import formats, timezone, translation

from mekle.lib import dates

DATES = [dt.date(2026, 1, 5), dt.date(2026, 12, 31), dt.date(7, 3, 9), dt.date(2024, 2, 29)]
MOMENTS = [
    dt.datetime(2026, 1, 5, 8, 3, tzinfo=dt.UTC),
    dt.datetime(2026, 6, 30, 23, 59, 59, tzinfo=dt.UTC),  # the next day in Oslo
    dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),  # the night summer time ends
]
FORMATS = ["SHORT_DATE_FORMAT", "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT"]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("format_name", FORMATS)
def test_a_date_is_printed_as_djangos_date_filter_prints_it(language, format_name):
    with translation.override(language):
        for value in DATES:
            if "TIME" not in format_name:
                assert dates.formatted(value, format_name) == formats.date_format(value, format_name)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("format_name", FORMATS)
def test_a_moment_is_printed_in_the_current_zone_as_django_prints_it(language, format_name):
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("Europe/Oslo")):
        for value in MOMENTS:
            expected = formats.date_format(timezone.localtime(value), format_name)
            assert dates.formatted(value, format_name) == expected


def test_a_format_with_a_character_it_has_no_printer_for_is_left_to_django():
    assert dates._compiled_format("D j. F") is None  # a weekday's name
    assert dates._compiled_format("P") is None  # "a.m." and "noon"
    assert dates._compiled_format(r"d.m.Y \k\l. H:i") is not None  # escaped letters are literal


def test_escaped_letters_in_a_format_are_printed_as_django_prints_them(settings):
    value = dt.datetime(2026, 3, 4, 9, 7, tzinfo=dt.UTC)
    with translation.override("nb"), timezone.override(dt.UTC):
        settings.DATETIME_FORMAT = r"d.m.Y \k\l. H:i"
        settings.USE_L10N = True
        printers = dates._compiled_format(r"d.m.Y \k\l. H:i")
        assert printers is not None
        names = dates._month_names("nb")
        printed = "".join(p if isinstance(p, str) else p(value, names) for p in printers)
        assert printed == formats.date_format(value, r"d.m.Y \k\l. H:i") == "04.03.2026 kl. 09:07"


def test_years_after_and_before_keep_the_day_and_move_a_leap_day_to_the_28th():
    assert dates.years_after(dt.date(2026, 6, 1), 5) == dt.date(2031, 6, 1)
    assert dates.years_after(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
    assert dates.years_after(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)
    assert dates.years_before(dt.date(2028, 2, 29), 10) == dt.date(2018, 2, 28)
