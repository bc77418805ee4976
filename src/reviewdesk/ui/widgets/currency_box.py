"""A currency picked by its ISO 4217 code: the writer's own and the common ones first, then
every code in Qt's locale data; typing "US" on the closed box picks USD."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

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
_CODES = "currencyCodes"  # the application's list of codes, by its object name


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


def _codes() -> QStandardItemModel:
    """The codes, with a line after the common ones: one list for every box, owned by the
    application (a list of its own for each made a page of a thousand offers slow to open)."""
    app = QCoreApplication.instance()
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    found = app.findChild(QStandardItemModel, _CODES, direct) if app is not None else None
    if found is not None:
        return found
    codes = QStandardItemModel(app)
    codes.setObjectName(_CODES)
    codes.appendRow(QStandardItem(NO_CURRENCY))  # no data: no currency
    first, rest = offered_codes()
    for code in first:
        codes.appendRow(_item(code))
    line = QStandardItem()
    line.setData("separator", Qt.ItemDataRole.AccessibleDescriptionRole)  # as Qt draws one
    line.setFlags(Qt.ItemFlag.NoItemFlags)
    codes.appendRow(line)
    for code in rest:
        codes.appendRow(_item(code))
    return codes


def _item(code: str) -> QStandardItem:
    """A code, named when it is a common one: "EUR  Euro" (typing EUR still finds it)."""
    name = COMMON.get(code)
    item = QStandardItem(f"{code}  {name}" if name else code)
    item.setData(code, Qt.ItemDataRole.UserRole)
    return item


class CurrencyBox(QComboBox):
    """The open list names the common codes; the closed box shows the code alone. `picked`
    when the writer chooses a currency (never when the owner shows one)."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("The price's currency, by its ISO 4217 code")
        self.setModel(_codes())
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(4)
        widest = max((f"{code}  {name}" for code, name in COMMON.items()), key=len)
        view = self.view()
        if view is not None:  # the open list is wide enough for the names
            view.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest) * 5 // 4)
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
                _codes().appendRow(_item(code))
                index = self.count() - 1
            self.setCurrentIndex(max(index, 0))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.currency() or NO_CURRENCY  # the code, not its name
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
