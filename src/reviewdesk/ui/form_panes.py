"""The form's panes, in tab order: each is made (and its module loaded) when its tab is
first shown; the body's pane is the window's own, made with it."""

# The panes' modules are imported where a pane is made, on purpose: see pane_tabs.py.
# ruff: noqa: PLC0415

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.pane_tabs import PaneTabs


def add_form_panes(tabs: PaneTabs, document: ReviewDocument, body: QWidget) -> None:
    """Add the tabs of the form to `tabs`: their order is main_window.PANE_FIELDS's."""

    def metadata() -> QWidget:
        from reviewdesk.ui.panes.metadata_pane import MetadataPane

        return _scrolling(MetadataPane(document))

    def tags() -> QWidget:
        from reviewdesk.ui.panes.tags_pane import TagsPane

        return _scrolling(TagsPane(document))  # a thousand tags run on and on

    def hero() -> QWidget:
        from reviewdesk.ui.panes.hero_pane import HeroPane

        return _scrolling(HeroPane(document))

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

    tabs.add_pane("Metadata", metadata)
    tabs.add_pane("Tags", tags)
    tabs.add_pane("Hero", hero)
    tabs.add_pane("Summary", summary)
    tabs.add_pane("Body", body)
    tabs.add_pane("Scores", scores)
    tabs.add_pane("Pros && cons", pros_cons)
    tabs.add_pane("Key points", key_points)
    tabs.add_pane("Specs", specs)
    tabs.add_pane("Offers", offers)
    tabs.add_pane("Updates", updates)
    tabs.add_pane("SEO", seo)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
