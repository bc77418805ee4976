"""Numbers in the writer's locale, read back exactly."""

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from reviewdesk.ui.widgets.locale_number import format_number, parse_number


@pytest.fixture(params=["C", "de_DE", "fr_FR", "en_IN"])
def locale(request: pytest.FixtureRequest) -> Iterator[str]:
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_every_number_shown_reads_back_as_itself(value: float) -> None:
    before = QLocale()
    try:
        for locale in ("C", "de_DE", "fr_FR"):
            QLocale.setDefault(QLocale(locale))
            for money in (False, True):
                assert parse_number(format_number(value, money=money)) == value
    finally:
        QLocale.setDefault(before)


def test_money_shows_its_cents(locale: str) -> None:
    point = QLocale().decimalPoint()
    assert format_number(19.5, money=True) == f"19{point}50"
    assert format_number(20.0, money=True) == "20"
    assert format_number(19.5) == f"19{point}5"


def test_a_price_copied_with_a_point_reads_in_any_locale(locale: str) -> None:
    assert parse_number("19.99") == 19.99  # in German, a point groups thousands: 19.99 is none
    assert parse_number(" 4 ") == 4
    for text in ("", "abc", "1e400", "nan", "inf"):
        assert parse_number(text) is None, text
