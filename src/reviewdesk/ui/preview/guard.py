"""What keeps the preview a preview: a request interceptor that lets nothing but the preview's
own scheme and data: URIs load, and a page that opens links in the system browser instead of
navigating away."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from reviewdesk.ui.preview.scheme import SCHEME
from reviewdesk.ui.widgets.quiet_page import QuietPage

_ALLOWED_SCHEMES = frozenset({SCHEME, "data"})


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request for another scheme (http, file, ftp...) and remembers its URL.
    The page's Content-Security-Policy stops most of them first; this is the second line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked_urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo, /) -> None:  # noqa: N802 (Qt's API)
        url = info.requestUrl()
        if url.scheme() in _ALLOWED_SCHEMES:
            return
        info.block(True)
        self.blocked_urls.append(url.toString())


class PreviewPage(QuietPage):
    """Stays on `home`: links to the web and mail open in the system's browser or mail app,
    every other navigation is refused. Its console speaks for the review's content (a policy
    violation of a hostile body, a missing image), not for the app."""

    console_name = "preview"

    def __init__(
        self, profile: QWebEngineProfile, home: QUrl, parent: QObject | None = None
    ) -> None:
        super().__init__(profile, parent)
        self._home = QUrl(home)

    def acceptNavigationRequest(  # noqa: N802 (Qt's API)
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, main_frame: bool, /
    ) -> bool:
        url = QUrl(url)
        if main_frame and _same_document(url, self._home):
            return True  # the preview itself: its loads, reloads and in-page anchors
        self.opened_outside(url, kind)
        return False


def _same_document(a: QUrl, b: QUrl) -> bool:
    """Equal but for the fragment: an in-page anchor stays on the page."""
    return _without_fragment(a) == _without_fragment(b)


def _without_fragment(url: QUrl) -> str:
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded).partition("#")[0]
