"""The system's browser, stood in for: QDesktopServices hands it the http and https links the
app opens, instead of starting a browser on the machine running the tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

SCHEMES = ("http", "https")


class SystemBrowser(QObject):
    url_opened = Signal(QUrl)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)
        self.url_opened.emit(url)


@pytest.fixture
def system_browser() -> Iterator[SystemBrowser]:
    browser = SystemBrowser()
    for scheme in SCHEMES:
        # A str at run time: PySide's stubs say bytes, which it then refuses.
        QDesktopServices.setUrlHandler(scheme, browser, "open")  # type: ignore[arg-type]
    yield browser
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)
