"""A web page of the app's that shows content it does not vouch for (a review's body, a site's
sign-in page): its console goes to the log at debug level, not to Qt's warnings, and a link to
the web or mail that the reader clicks opens in the system's browser or mail app."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

_log = logging.getLogger(__name__)


class QuietPage(QWebEnginePage):
    console_name = "page"  # how the log names this page's console

    def javaScriptConsoleMessage(  # noqa: N802 (Qt's API)
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
        /,
    ) -> None:
        _log.debug(
            "%s console (%s) %s:%d: %s", self.console_name, level.name, source, line, message
        )

    @staticmethod
    def opened_outside(url: QUrl, kind: QWebEnginePage.NavigationType) -> bool:
        """Whether `url` was a clicked link to the web or mail, now opened outside the app."""
        if (
            kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked
            or url.scheme() not in EXTERNAL_SCHEMES
        ):
            return False
        QDesktopServices.openUrl(url)
        return True
