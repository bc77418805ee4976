"""A currency picked by its ISO 4217 code: the writer's own and the common ones first, then
every code in Qt's locale data; typing "US" on the closed box picks USD."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

# Named in the list, in this order after the writer's own: the currencies most shops price in.
COMMON: dict[str, str] = {
    "EUR": "Euro",
    "USD": "US dollar",
    "GBP": "British pound",
    "JPY": "Japanese yen",
    "CHF": "Swiss franc",
    "CAD": "Canadian dollar",
    "AUD": "Australian dollar",
    "CNY": "Chinese yuan",
    "INR": "Indian rupee",
    "SEK": "Swedish krona",
    "NOK": "Norwegian krone",
    "DKK": "Danish krone",
    "PLN": "Polish złoty",
    "BRL": "Brazilian real",
    "MXN": "Mexican peso",
    "KRW": "South Korean won",
    "NZD": "New Zealand dollar",
}
NO_CURRENCY = "\N{EM DASH}"
_NAME = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def own_currency() -> str:
    """The currency of the writer's locale ("" for the C locale, which has none)."""
    return QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)


@cache
def known_codes() -> tuple[str, ...]:
    """Every currency some locale of Qt's CLDR data uses, by code."""
    locales = QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    )
    iso = QLocale.CurrencySymbolFormat.CurrencyIsoCode
    codes = {locale.currencySymbol(iso) for locale in locales}
    return tuple(sorted(code for code in codes if len(code) == 3))


def offered_codes() -> tuple[list[str], list[str]]:
    """The codes offered first (the writer's own, the common ones), then the others."""
    own = own_currency()
    first = [own] if own else []
    first += [code for code in COMMON if code != own]
    return first, [code for code in known_codes() if code not in first]


class _NamedDelegate(QStyledItemDelegate):
    """The open list says each common code's name ("EUR  Euro"); the closed box, the code."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        name = index.data(_NAME)
        if name:
            option.text = f"{option.text}  {name}"


class CurrencyBox(QComboBox):
    """`picked` when the writer chooses a currency (never when the owner shows one)."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("The price's currency, by its ISO 4217 code")
        self.setItemDelegate(_NamedDelegate(self))
        self.addItem(NO_CURRENCY, None)
        first, rest = offered_codes()
        for code in first + rest:
            self.addItem(code, code)
            self.setItemData(self.count() - 1, COMMON.get(code, ""), _NAME)
        self.insertSeparator(1 + len(first))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaxVisibleItems(20)
        self.activated.connect(lambda _index: self.picked.emit())

    def currency(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def show_currency(self, code: str | None) -> None:
        """Show `code`; one the list lacks (a hand-written file's) is added to it."""
        with QSignalBlocker(self):
            index = self.findData(code) if code else 0
            if index < 0 and code:
                self.addItem(code, code)
                index = self.count() - 1
            self.setCurrentIndex(max(index, 0))
