"""Connect in browser: the site's own Application Password authorization page in a web view of
the dialog. The writer logs in and approves on WordPress's page; its redirect to our success
address is caught and never loaded, and the dialog returns the new password for the caller to
keep in the keyring. The view's profile is off the record (no cookies, cache or storage on
disk), so the writer's session on the site ends with the dialog; the password is neither
logged nor written anywhere here."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.publish.authorize import (
    CALLBACK_HOST,
    Authorization,
    AuthorizeError,
    Credentials,
    app_name,
    find_endpoint,
)
from reviewdesk.ui.message_bar import MessageBar
from reviewdesk.ui.preview.engine_start import before_web_engine
from reviewdesk.ui.publish.worker import Outcome, Worker, keep_until_idle
from reviewdesk.ui.widgets.quiet_page import QuietPage

_FULLY_ENCODED = QUrl.ComponentFormattingOption.FullyEncoded
_DEFAULT_PORTS = {"http": 80, "https": 443}
_OFF = (
    QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows,
    QWebEngineSettings.WebAttribute.HyperlinkAuditingEnabled,
    QWebEngineSettings.WebAttribute.PluginsEnabled,
    QWebEngineSettings.WebAttribute.NavigateOnDropEnabled,
)


def authorize(parent: QWidget | None, site_url: str, name: str | None = None) -> Credentials | None:
    """Open the site's authorization page in a modal dialog; the credentials the writer
    approved, or None when they cancelled or declined. (A window that must not wait opens an
    AuthorizeDialog itself and listens to `authorized`.)"""
    dialog = AuthorizeDialog(site_url, parent, name=name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    found: list[Credentials] = []
    dialog.authorized.connect(found.append)
    dialog.exec()
    return found[0] if found else None


def _origin(url: QUrl) -> tuple[str, str, int]:
    return url.scheme(), url.host().lower(), url.port(_DEFAULT_PORTS.get(url.scheme(), -1))


def _same_site(url: QUrl, site: QUrl) -> bool:
    """The site's host, over https or as the writer gave it (http on this computer)."""
    same_host = url.host().lower() == site.host().lower()
    return same_host and (url.scheme() == "https" or _origin(url) == _origin(site))


class _CallbackGuard(QWebEngineUrlRequestInterceptor):
    """Second line behind the page's navigation check: no request to our callback host ever
    leaves, whatever asks for it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked = 0  # requests refused, counted (their URLs may hold a password)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo, /) -> None:  # noqa: N802 (Qt's API)
        if info.requestUrl().host().lower() == CALLBACK_HOST:
            info.block(True)
            self.blocked += 1


class _AuthorizePage(QuietPage):
    """Catches WordPress's answer (a navigation to our callback host) instead of loading it.
    Stays on the site: a link elsewhere opens in the system browser; a redirect elsewhere
    (a sign-in service) is followed over https only. Its console speaks for the site (jQuery
    Migrate's notes), not for the app."""

    console_name = "authorization page"

    answered = Signal(str)  # the callback URL, with the password in its query

    def __init__(self, profile: QWebEngineProfile, site: QUrl, parent: QObject) -> None:
        super().__init__(profile, parent)
        self._site = QUrl(site)

    def acceptNavigationRequest(  # noqa: N802 (Qt's API)
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, main_frame: bool, /
    ) -> bool:
        url = QUrl(url)
        if url.host().lower() == CALLBACK_HOST:
            self.answered.emit(url.toString(_FULLY_ENCODED))
            return False
        if _same_site(url, self._site):
            return True
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self.opened_outside(url, kind)
            return False  # the writer's browser, not the dialog
        return url.scheme() == "https"  # a site's own sign-in elsewhere (single sign-on)


class AuthorizeDialog(QDialog):
    """Finds the site's authorization page off the UI thread, then shows it. `credentials` is
    set when the writer approved; the dialog is then accepted."""

    authorized = Signal(object)  # Credentials, as the writer approved them
    problem = Signal(str)  # what stops the connection, as shown under the page

    def __init__(
        self, site_url: str, parent: QWidget | None = None, *, name: str | None = None
    ) -> None:
        super().__init__(parent)
        self.credentials: Credentials | None = None
        self._site_url = site_url
        self._name = name or app_name()
        self._request: Authorization | None = None
        self._looked_up = False
        self.setWindowTitle(f"Connect to {site_url}")
        self._worker = Worker(self)
        self._worker.finished.connect(self._found)

        intro = QLabel(
            "Log in to your site and approve ReviewDesk. The site then gives ReviewDesk an "
            "Application Password of its own, for publishing; your WordPress password stays "
            "with the site."
        )
        intro.setWordWrap(True)
        self.address = QLabel()
        self.address.setAccessibleName("Page address")
        self.address.hide()
        self.bar = MessageBar("Connection problem", wrap=True)
        # Until the site's first page is in: what is being done, or why it cannot be.
        self.status = QLabel(f"Looking for the authorization page of {site_url}…")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = self._make_view()
        self._stack = QStackedWidget()
        self._stack.addWidget(self.status)
        self._stack.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.address)
        layout.addWidget(self.bar)
        layout.addWidget(self._stack, 1)
        layout.addWidget(buttons)
        self.resize(860, 760)

    @property
    def page(self) -> QWebEnginePage:
        return self._page

    def _make_view(self) -> QWebEngineView:
        view = QWebEngineView(self)
        # Off the record (no storage name): cookies, cache and storage in memory only, gone
        # with the dialog. The profile must outlive its page: the page is the view's child,
        # deleted before the profile (the view's later child). QtWebEngine is prepared first
        # (the preview's scheme, its switches): this may be its first object, after which it
        # cannot be.
        before_web_engine()
        profile = QWebEngineProfile()
        for attribute in _OFF:
            profile.settings().setAttribute(attribute, False)
        self.guard = _CallbackGuard(profile)
        profile.setUrlRequestInterceptor(self.guard)
        self._page = _AuthorizePage(profile, QUrl(self._site_url), view)
        view.setPage(self._page)
        profile.setParent(view)
        # Queued: the dialog may close on the answer, never inside Chromium's navigation call.
        self._page.answered.connect(self._answered, Qt.ConnectionType.QueuedConnection)
        self._page.loadingChanged.connect(self._loading)
        self._page.urlChanged.connect(self._show_address)
        self._page.certificateError.connect(self._certificate_error)
        return view

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        if not self._looked_up:  # the site is asked once, when the writer first sees the dialog
            self._looked_up = True
            self._look_up()

    def _look_up(self) -> None:
        site_url = self._site_url  # the job holds nothing of the dialog
        self._worker.start(lambda _progress: find_endpoint(site_url))

    @property
    def message(self) -> str:
        """The problem shown, if any."""
        return (
            self.status.text()
            if self._stack.currentWidget() is self.status
            else (self.bar.message.text() if self.bar.isVisibleTo(self) else "")
        )

    def _fail(self, text: str) -> None:
        if "://" not in text.split(" ", 1)[0]:  # the core's lines start lower case, not URLs
            text = text[:1].upper() + text[1:]
        if self._stack.currentWidget() is self.status:
            self.status.setText(text)
        else:
            self.bar.say(text)
        self.problem.emit(text)

    @Slot(object)
    def _found(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            # AuthorizeError's line; any other failure named rather than waited on forever
            self._fail(f"{str(outcome.error).strip() or type(outcome.error).__name__}.")
            return
        self._request = Authorization(self._site_url, str(outcome.value), self._name)
        self.status.setText(f"Opening {self._site_url}…")
        self._page.load(QUrl(self._request.url))

    @Slot(str)
    def _answered(self, url: str) -> None:
        if self._request is None:
            return
        try:
            credentials = self._request.result(url)
        except AuthorizeError as error:
            self._fail(f"{error}.")
            return
        if credentials is None:
            self.reject()  # the writer declined on the site's page
            return
        self.credentials = credentials
        self.authorized.emit(credentials)
        self.accept()

    @Slot(QWebEngineLoadingInfo)
    def _loading(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self._stack.setCurrentWidget(self.view)
            self.address.show()
            self.bar.hide()  # a problem with an earlier page is past
        # Failed, not stopped: a navigation refused here (our answer caught, a link opened
        # outside) ends as stopped.
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            self._fail(
                f"The page of {info.url().host()} could not be opened ({info.errorString()}); "
                "check the address and your connection."
            )

    @Slot(QUrl)
    def _show_address(self, url: QUrl) -> None:
        plain = "" if url.scheme() == "https" else " (not encrypted)"
        port = f":{url.port()}" if url.port() != -1 else ""
        self.address.setText(f"{url.scheme()}://{url.host()}{port}{plain}")

    @Slot(QWebEngineCertificateError)
    def _certificate_error(self, error: QWebEngineCertificateError) -> None:
        error.rejectCertificate()
        self._fail(
            f"The certificate of {error.url().host()} is not valid ({error.description()}); "
            "ReviewDesk will not send a password there."
        )

    def done(self, result: int) -> None:
        self._page.triggerAction(QWebEnginePage.WebAction.Stop)
        keep_until_idle(self, self._worker)  # a look-up under way ends before the dialog goes
        super().done(result)
