"""The live preview of the published page (DESIGN §6): a sandboxed QtWebEngine view."""

from reviewdesk.ui.preview.preview_view import PreviewView
from reviewdesk.ui.preview.scheme import register_scheme

__all__ = ["PreviewView", "register_scheme"]
