"""Publishing a review, the step the command line and the app share: to the site's own kind
(publish_wordpress, publish_ghost), each uploading the images once, creating the post or
updating the one `publish.yaml` names (never one edited on the site since, unless forced),
recording what was done and reading the post back."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.core.publish import post
from reviewdesk.core.publish.ghost_publish import publish_ghost
from reviewdesk.core.publish.result import ConflictError, Progress, PublishError, PublishResult
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.wordpress_publish import publish_wordpress

__all__ = ["ConflictError", "Progress", "PublishError", "PublishResult", "publish"]


def publish(
    bundle_folder: str | Path,
    site: Site,
    status: str | None = None,
    *,
    dry_run: bool = False,
    force: bool = False,
    email_segment: str | None = None,
    progress: Progress | None = None,
) -> PublishResult:
    """Publish the review in `bundle_folder` to `site`. `status` is one of post.STATUSES
    (draft, publish, future: Ghost's draft, published, scheduled), None for what the review
    asks. `email_segment` (Ghost only) also sends the post to those members by email.
    BundleError for a bad bundle or publish.yaml, ConflictError when the post was edited on
    the site (unless `force`), PublishError for anything else; with `dry_run` nothing is
    written anywhere."""
    if status is not None and status not in post.STATUSES:
        raise PublishError(f"status {status!r}: use one of {', '.join(post.STATUSES)}")
    if site.kind == "ghost":
        return publish_ghost(
            bundle_folder,
            site,
            status,
            dry_run=dry_run,
            force=force,
            email_segment=email_segment,
            progress=progress,
        )
    if email_segment:
        raise PublishError(f"{site.name}: only a Ghost site sends posts by email")
    return publish_wordpress(
        bundle_folder, site, status, dry_run=dry_run, force=force, progress=progress
    )
