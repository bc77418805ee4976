"""The form's panes, in tab order: each is made (and its module loaded) when its tab is
first shown; the body's pane is the window's own, made with it."""

# The panes' modules are imported where a pane is made, on purpose: see pane_tabs.py.
# ruff: noqa: PLC0415

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QScrollArea, QWidget

from reviewdesk.ui.pane_tabs import PaneTabs
from reviewdesk.ui.window_titles import PANE_TITLES

if TYPE_CHECKING:
    from reviewdesk.ui.document import ReviewDocument


def add_form_panes(tabs: PaneTabs, document: ReviewDocument, body: QWidget) -> None:
    """Add the tabs of the form to `tabs`: their order is main_window.PANE_FIELDS's."""

    def metadata() -> QWidget:
        from reviewdesk.ui.panes.metadata_pane import MetadataPane

        return scrolling(MetadataPane(document))

    def tags() -> QWidget:
        from reviewdesk.ui.panes.tags_pane import TagsPane

        return scrolling(TagsPane(document))  # a thousand tags run on and on

    def hero() -> QWidget:
        from reviewdesk.ui.panes.hero_pane import HeroPane

        return scrolling(HeroPane(document))

    def summary() -> QWidget:
        from reviewdesk.ui.panes.summary_pane import SummaryPane

        return SummaryPane(document)

    def scores() -> QWidget:
        from reviewdesk.ui.panes.scores_pane import ScoresPane

        return ScoresPane(document)

    def pros_cons() -> QWidget:
        from reviewdesk.ui.panes.pros_cons_pane import ProsConsPane

        return ProsConsPane(document)

    def key_points() -> QWidget:
        from reviewdesk.ui.panes.lists_pane import ListsPane

        return ListsPane(
            document, [("key_features", "Key features"), ("key_insights", "Key insights")]
        )

    def specs() -> QWidget:
        from reviewdesk.ui.panes.specs_pane import SpecsPane

        return SpecsPane(document)

    def offers() -> QWidget:
        from reviewdesk.ui.panes.offers_pane import OffersPane

        return OffersPane(document)

    def updates() -> QWidget:
        from reviewdesk.ui.panes.updates_pane import UpdatesPane

        return UpdatesPane(document)

    def seo() -> QWidget:
        from reviewdesk.ui.panes.seo_pane import SeoPane

        return SeoPane(document)

    panes: tuple[QWidget | Callable[[], QWidget], ...] = (
        metadata, tags, hero, summary, body, scores, pros_cons, key_points, specs, offers,
        updates, seo,
    )  # fmt: skip
    for title, pane in zip(PANE_TITLES, panes, strict=True):
        tabs.add_pane(title, pane)


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area as wide as the pane."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
