"""The `reviewdesk-preview:` scheme: the rendered page and the files of the open bundle, nothing
else. Serving the page through a scheme, not `setHtml`, lifts setHtml's 2 MB limit and gives
relative image paths a base that resolves into the bundle."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from reviewdesk.core import assets, safe_files
from reviewdesk.core.media_types import media_type

SCHEME = "reviewdesk-preview"
HOST = "review"
PAGE_PATH = "/index.html"
PAGE_URL = QUrl(f"{SCHEME}://{HOST}{PAGE_PATH}")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src reviewdesk-preview: data:; style-src 'unsafe-inline'; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)
"""Nothing runs, nothing remote loads: only the bundle's images, data: URIs and inline CSS.
`base-uri` and `form-action` are not covered by `default-src`, so they are named."""


def is_registered() -> bool:
    return bool(QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME.encode())).name())


def register_scheme() -> None:
    """Declare the scheme to QtWebEngine: before its first profile, page or view is made
    (QtWebEngine reads the list of schemes as it starts, then locks it; the QApplication may
    exist already, so the window paints before QtWebEngine's libraries load). The app calls
    it through engine_start.before_web_engine."""
    if is_registered():
        return  # already declared; a second registration only logs a warning
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME.encode()))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure: a secure context like https, so Chromium has no mixed-content worries. Never
    # ContentSecurityPolicyIgnored: the policy is half of the preview's guard.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers `reviewdesk-preview://review/index.html` with the page given to `set_page` and
    `reviewdesk-preview://review/<path>` with that file of the bundle; 404 for anything else,
    including paths that would leave the bundle."""

    def __init__(self, folder: Callable[[], Path | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder  # a callable: Save As moves the bundle while the preview is open
        self._page = QByteArray()

    def set_page(self, html: str) -> None:
        self._page = QByteArray(html.encode("utf-8"))

    def set_folder(self, folder: Callable[[], Path | None]) -> None:
        self._folder = folder

    def requestStarted(self, job: QWebEngineUrlRequestJob, /) -> None:  # noqa: N802 (Qt's API)
        url = job.requestUrl()
        if job.requestMethod() != QByteArray(b"GET"):
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        # PySide6 builds the QMultiMap from a list of values per header (a bare QByteArray
        # would become one header per byte); its stub says otherwise.
        policy = [QByteArray(CONTENT_SECURITY_POLICY.encode())]
        job.setAdditionalResponseHeaders(
            {QByteArray(b"Content-Security-Policy"): policy}  # type: ignore[dict-item]
        )
        if path == PAGE_PATH:
            page = QBuffer(job)  # owned by the job: alive as long as the job reads it
            page.setData(self._page)
            page.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(QByteArray(b"text/html;charset=utf-8"), page)
            return
        file = self._bundle_file(path.removeprefix("/"))
        device = _open(file, job) if file else None
        if file is None or device is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        kind = media_type(file.name)
        job.reply(QByteArray(kind.encode()), device)

    def _bundle_file(self, src: str) -> Path | None:
        folder = self._folder()
        if folder is None or not src:
            return None
        try:
            return assets.resolve(folder, src)  # a regular file inside the bundle, or an error
        except assets.AssetError:
            return None


def _open(file: Path, job: QWebEngineUrlRequestJob) -> QFile | None:
    """`file` opened as the core opens a bundle file (never a FIFO swapped in since it was
    resolved, never past the size of an image), for the job to read; None when refused."""
    try:
        fd = safe_files.open_regular(file, assets.IMAGE_BYTES_MAX)
    except (safe_files.UnsafeFile, OSError):
        return None
    device = QFile(job)  # owned by the job: alive as long as the job reads it
    handle = QFile.FileHandleFlag.AutoCloseHandle
    if not device.open(fd, QIODevice.OpenModeFlag.ReadOnly, handle):
        os.close(fd)
        return None
    return device
