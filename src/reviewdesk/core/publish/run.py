"""What a publish to any kind of site keeps track of: the bundle and its review, what
`publish.yaml` recorded for the site, the result being made, and the images on the site by
content hash, recorded as soon as they are uploaded."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.core.publish import state
from reviewdesk.core.publish.images import BundleImage, bundle_images
from reviewdesk.core.publish.result import Progress, PublishResult
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.state import PublishState, SiteState, UploadedImage


class PublishRun:
    """One publish of the bundle in `folder` to `site`; a site's own run adds its client."""

    def __init__(self, bundle_folder: str | Path, site: Site, progress: Progress | None) -> None:
        """BundleError for a bad bundle or publish.yaml."""
        self.folder = bundle.folder_of(bundle_folder)
        self.review: Review = bundle.load(self.folder)
        self.recorded = state.read(self.folder)
        self.site = site
        self.before = self.recorded.sites.get(site.name)
        self.progress: Progress = progress or (lambda _: None)
        self.result = PublishResult(site.name, "", None, "", "")
        # Every image uploaded to the site for this review, by content hash.
        self.media: dict[str, UploadedImage] = dict(self.before.media) if self.before else {}

    def _images(self) -> list[BundleImage]:
        found, warnings = bundle_images(self.review, self.folder)
        self.result.warnings += warnings
        return found

    def _remember_media(self) -> None:
        """Uploads are recorded at once: a failure later never uploads them twice."""
        if self.before is None:
            return  # recorded with the new post, whose entry needs its id
        self._save(self.before.with_media(dict(self.media)))

    def _save(self, entry: SiteState) -> None:
        self.recorded = PublishState({**self.recorded.sites, self.site.name: entry})
        state.write(self.folder, self.recorded)
