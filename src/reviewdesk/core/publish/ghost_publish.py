"""Publishing a review to a Ghost site through its Admin API: upload the bundle's images once
(by content hash), create the post or update the one `publish.yaml` names, record the post's
`updated_at` (its version, which the next update sends back, so that Ghost refuses to overwrite
an edit made in its editor), and read the post back.

The post is the article as an HTML card (the same markup and class names as the WordPress post,
without the block comments), without what the theme prints from the post's own fields (title,
`custom_excerpt`, `feature_image`, tags, authors); the stylesheet and the JSON-LD go in the
post's `codeinjection_head`. A review's authors who are staff users of the site (by name or
website) become the post's authors; otherwise the article keeps its byline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reviewdesk.core.exports import ghost as ghost_export
from reviewdesk.core.exports.cms import utc
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.publish import blocks, ghost_readback, post, secrets
from reviewdesk.core.publish.ghost import AdminKey, Ghost, GhostError, NotAnAdminKey
from reviewdesk.core.publish.ghost_head import code_injection
from reviewdesk.core.publish.images import BundleImage
from reviewdesk.core.publish.result import ConflictError, Progress, PublishError, PublishResult
from reviewdesk.core.publish.run import PublishRun
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.state import SiteState, UploadedImage
from reviewdesk.core.publish.text import differences, html_text
from reviewdesk.core.publish.theme import ThemeParts

# publish's statuses (WordPress's words) in Ghost's.
STATUSES: Final = {"draft": "draft", "publish": "published", "future": "scheduled"}
LIVE: Final = ("published", "scheduled", "sent")
# Every field a post of ours may hold, sent even when empty: Ghost keeps a field an update
# leaves out, so a field cleared in the review would stay on the site.
CLEARED: Final = (
    "custom_excerpt",
    "feature_image",
    "feature_image_alt",
    "feature_image_caption",
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
    "canonical_url",
    "codeinjection_head",
)
# What a post keeps of ours: a change to any of them on the site is an edit made there.
KEPT: Final = ("title", "slug", "html", "published_at", *CLEARED)


def publish_ghost(
    bundle_folder: str | Path,
    site: Site,
    status: str | None = None,
    *,
    dry_run: bool = False,
    force: bool = False,
    email_segment: str | None = None,
    progress: Progress | None = None,
) -> PublishResult:
    """See publish.publish."""
    run = _Run(bundle_folder, site, progress)
    try:
        key = AdminKey.parse(secrets.load(site))
    except (secrets.SecretError, NotAnAdminKey) as error:
        raise PublishError(f"{site.name}: {error}") from None
    try:
        with Ghost(site.url, key) as client:
            return run.publish(
                client, status, dry_run=dry_run, force=force, email_segment=email_segment
            )
    except GhostError as error:
        if error.status in (401, 403):
            raise PublishError(
                f"{site.name}: the site refused the Admin API key ({error}); "
                f"'reviewdesk site test {site.name}' says why"
            ) from None
        raise PublishError(f"{site.name}: {error}") from None


class _Run(PublishRun):
    client: Ghost

    def publish(
        self,
        client: Ghost,
        status: str | None,
        *,
        dry_run: bool,
        force: bool,
        email_segment: str | None,
    ) -> PublishResult:
        self.client = client
        result = self.result
        result.dry_run = dry_run
        self.progress(f"Connecting to {self.site.url}")
        zone = self._time_zone()
        remote = self._remote_post()
        result.status = self._status(status, remote, zone)
        uploaded = self._upload(self._images(), dry_run=dry_run)
        authors = self._authors()
        fields = self._fields(uploaded, result.status, authors, zone)
        sent_hash = post.fields_hash(fields)
        edited = remote is not None and self._edited_on_site(remote)
        if remote is not None and edited and not force:
            raise ConflictError(
                f"{self.site.name}: post {remote['id']} was edited on the site since it was "
                "last published from here; nothing was written (--force overwrites it)",
                _conflicts(remote, fields),
            )
        email = self._email(email_segment, remote, result.status)
        if (
            remote is not None
            and not edited
            and not email
            and self.before is not None
            and self.before.sent_hash == sent_hash
        ):
            result.action, result.post_id, result.link = "unchanged", remote["id"], remote["url"]
            result.status = str(remote.get("status", result.status))
            return result
        if dry_run:
            result.action = "would update" if remote is not None else "would create"
            result.post_id = remote["id"] if remote is not None else None
            result.link = str(remote["url"]) if remote is not None else ""
            return result
        written = self._write(remote, fields, edited=edited, email=email)
        self._record(written, sent_hash)
        self.progress("Reading the post back")
        result.differences = ghost_readback.check(
            self.client, self.review, fields, written, self.site.theme
        )
        return result

    # --- the site and its post ------------------------------------------------------------------

    def _time_zone(self) -> ZoneInfo:
        """The site's time zone, in which a date-only review is published on its day."""
        name = str(self.client.settings().get("timezone") or "Etc/UTC")
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.result.warnings.append(
                f"the site's time zone {name!r} is unknown here; dates are taken in UTC"
            )
            return ZoneInfo("Etc/UTC")

    def _remote_post(self) -> dict[str, Any] | None:
        if self.before is None:
            return None
        found = self.client.post(str(self.before.post_id))
        if found is None:
            self.result.warnings.append(
                f"post {self.before.post_id} recorded in publish.yaml no longer exists on the "
                "site; publishing as a new post"
            )
        return found

    def _edited_on_site(self, remote: Mapping[str, Any]) -> bool:
        """Changed on the site since our write. By what the post holds, not by `updated_at`:
        Ghost's scheduler publishing a scheduled post changes that and nothing of ours, and
        an edit within the second of our write leaves it as it was."""
        assert self.before is not None
        return kept_hash(remote) != self.before.kept_hash

    def _status(self, asked: str | None, remote: Mapping[str, Any] | None, zone: ZoneInfo) -> str:
        moment = self._published_at(zone)
        future = moment is not None and moment > datetime.now(UTC)
        if asked is not None:
            wanted = STATUSES[asked]
            if wanted == "scheduled" and not future:
                self.result.warnings.append(
                    "--status future needs a publication date still to come; the site "
                    "publishes it now"
                )
                return "published"
            return "scheduled" if wanted == "published" and future else wanted
        if not goes_live(self.review):
            live = str(remote.get("status", "")) if remote is not None else ""
            if live in LIVE:
                self.result.warnings.append(
                    f"the post is {live} on the site and the review is "
                    f"{self.review.status.value}: left {live} (--status draft takes it down)"
                )
                return "published" if live == "sent" else live
            return "draft"
        return "scheduled" if future else "published"

    def _published_at(self, zone: ZoneInfo) -> datetime | None:
        """The moment the review is published: a date alone is its first moment in the
        site's time zone, so the site shows that very day."""
        published = self.review.published
        if published is None:
            return None
        if isinstance(published, datetime):
            return utc(published)
        return datetime.combine(published, time(), zone).astimezone(UTC)

    # --- images ---------------------------------------------------------------------------------

    def _upload(self, images: list[BundleImage], *, dry_run: bool) -> dict[str, UploadedImage]:
        """Each image at its URL on the site: the one uploaded before (same bytes) while the
        site still serves it, else a new upload. By the path the review writes."""
        placed: dict[str, UploadedImage] = {}
        checked: dict[str, bool] = {}
        for image in images:
            old = self.media.get(image.digest)
            if old is not None:
                if old.url not in checked:
                    checked[old.url] = self.client.image_exists(old.url)
                if checked[old.url]:
                    placed[image.path] = old
                    continue
            if image.path not in self.result.uploaded:
                self.result.uploaded.append(image.path)
            if dry_run:
                placed[image.path] = UploadedImage(0, "", image.path)
                continue
            self.progress(f"Uploading {image.path}")
            url = self.client.upload_image(image.data, image.name, image.mime, image.path)
            placed[image.path] = self.media[image.digest] = UploadedImage(0, url, image.path)
            checked[url] = True
            self._remember_media()
        return placed

    # --- authors --------------------------------------------------------------------------------

    def _authors(self) -> list[dict[str, str]]:
        """The staff users who are the review's authors, in its order; [] unless every author
        is one (then the article keeps its byline, and Ghost the key's owner)."""
        if not self.review.authors:
            return []
        try:
            users = self.client.users()
        except GhostError as error:
            if error.status not in (401, 403):
                raise
            users = []
        found = [
            _staff_user(author.name, str(author.url or ""), users) for author in self.review.authors
        ]
        if all(found):
            return [{"id": str(user["id"])} for user in found if user]
        missing = [a.name for a, user in zip(self.review.authors, found, strict=True) if not user]
        self.result.warnings.append(
            f"no staff user of {self.site.name} is named {', '.join(map(repr, missing))}: "
            "the article shows the review's byline, and Ghost lists the post under the "
            "site's owner (add them as staff users, or choose the authors in Ghost)"
        )
        return []

    # --- the fields -----------------------------------------------------------------------------

    def _fields(
        self,
        uploaded: Mapping[str, UploadedImage],
        status: str,
        authors: list[dict[str, str]],
        zone: ZoneInfo,
    ) -> dict[str, Any]:
        review, warnings = self.review, self.result.warnings
        hero = review.hero
        featured = uploaded.get(hero.image) if hero is not None else None
        hero_url = featured.url if featured and featured.url else None
        # A theme prints the post's authors: the article leaves its byline out only when
        # they are the review's.
        theme = self.site.theme
        if review.authors and not authors:
            theme = ThemeParts(**{**vars(theme), "byline": False})
        article, notes = blocks.post_content(review, uploaded, theme, delimiters=False)
        warnings += notes
        fields: dict[str, Any] = dict.fromkeys(CLEARED)
        ghost_export.put_text(fields, "title", review.title, warnings)
        fields["slug"] = ghost_export.fitted_slug(review.effective_slug, warnings)
        fields["status"] = status
        if (moment := self._published_at(zone)) is not None:
            fields["published_at"] = ghost_export.ghost_time(moment)
        ghost_export.put_text(fields, "custom_excerpt", review.subtitle, warnings)
        fields["html"] = ghost_export.HTML_CARD[0] + article.strip() + ghost_export.HTML_CARD[1]
        if hero is not None and hero_url:
            ghost_export.put_feature_image(fields, review, hero_url, warnings)
            if hero.caption:  # HTML to Ghost, as the theme prints it
                fields["feature_image_caption"] = post.as_html(str(fields["feature_image_caption"]))
        fields["tags"] = ghost_export.tag_list(review, warnings)
        if authors:
            fields["authors"] = authors
        ghost_export.put_seo(fields, review, hero_url, warnings)
        fields["codeinjection_head"] = code_injection(review, hero_url, warnings)
        return fields

    def _email(
        self, segment: str | None, remote: Mapping[str, Any] | None, status: str
    ) -> dict[str, str]:
        """The query that has Ghost send the post by email: only when asked, only once, and
        only with a post that is or goes live."""
        if not segment:
            return {}
        if status not in ("published", "scheduled"):
            raise PublishError(
                f"{self.site.name}: a {status} post is sent to no one; publish it to send it "
                "by email"
            )
        live = str(remote.get("status", "")) if remote is not None else ""
        if live in ("published", "sent"):
            self.result.warnings.append(
                "the post is already published: Ghost sends a post by email only as it is "
                "published; not sent"
            )
            return {}
        newsletters = self.client.newsletters()
        if not newsletters:
            raise PublishError(f"{self.site.name}: the site has no active newsletter to send by")
        self.result.emailed = segment
        return {"newsletter": str(newsletters[0]["slug"]), "email_segment": segment}

    # --- writing --------------------------------------------------------------------------------

    def _write(
        self,
        remote: Mapping[str, Any] | None,
        fields: dict[str, Any],
        *,
        edited: bool,
        email: Mapping[str, str],
    ) -> dict[str, Any]:
        result = self.result
        if remote is None and email:
            # Ghost sends a post by email as an update publishes it, not as it is created.
            self.progress("Creating the post")
            draft = self.client.create_post({**fields, "status": "draft"})
            self.progress("Publishing it and sending it by email")
            written = self.client.update_post(
                str(draft["id"]), {**fields, "updated_at": draft["updated_at"]}, email
            )
            result.action = "created"
        elif remote is None:
            self.progress("Creating the post")
            written = self.client.create_post(fields)
            result.action = "created"
        else:
            assert self.before is not None
            # The version we wrote, unless the writer overwrites an edit on purpose (or Ghost's
            # scheduler only published it): saved again in between, Ghost refuses (409).
            version = str(remote["updated_at"]) if edited else self._unchanged_version(remote)
            self.progress(f"Updating post {remote['id']}")
            try:
                written = self.client.update_post(
                    str(remote["id"]), {**fields, "updated_at": version}, email
                )
            except GhostError as error:
                if error.status != 409:
                    raise
                now = self.client.post(str(remote["id"])) or dict(remote)
                raise ConflictError(
                    f"{self.site.name}: post {remote['id']} was saved on the site while it was "
                    "being published; nothing was written (--force overwrites it)",
                    _conflicts(now, fields),
                ) from None
            result.action = "updated"
        result.post_id = str(written["id"])
        result.link = str(written.get("url", ""))
        result.status = str(written.get("status", result.status))
        return written

    def _unchanged_version(self, remote: Mapping[str, Any]) -> str:
        """The version to send for a post not edited on the site: the one recorded, or the
        site's when only Ghost's scheduler saved it since (same content)."""
        assert self.before is not None
        if str(remote.get("updated_at", "")) == self.before.updated_at:
            return self.before.updated_at  # ours: Ghost refuses it if saved in between
        return str(remote["updated_at"])

    def _record(self, written: Mapping[str, Any], sent_hash: str) -> None:
        self._save(
            SiteState(
                str(written["id"]),
                str(written.get("url", "")),
                sent_hash=sent_hash,
                kept_hash=kept_hash(written),
                media=dict(self.media),
                updated_at=str(written.get("updated_at", "")),
            )
        )


def kept_hash(stored: Mapping[str, Any]) -> str:
    """A hash of what the site keeps of ours, tags by name and authors by id; a scheduled
    post that went live counts as kept."""
    kept = {name: stored.get(name) for name in KEPT}
    kept["tags"] = [tag.get("name") for tag in stored.get("tags") or []]
    kept["authors"] = [author.get("id") for author in stored.get("authors") or []]
    kept["status"] = "published" if stored.get("status") in LIVE else stored.get("status")
    return post.fields_hash(kept)


def _staff_user(name: str, url: str, users: list[dict[str, Any]]) -> dict[str, Any] | None:
    wanted = " ".join(name.split()).casefold()
    for user in users:
        if " ".join(str(user.get("name", "")).split()).casefold() == wanted:
            return user
    if url:
        for user in users:
            website = str(user.get("website") or "").rstrip("/")
            if website and website == url.rstrip("/"):
                return user
    return None


def _conflicts(remote: Mapping[str, Any], fields: Mapping[str, Any]) -> list[str]:
    """How the post on the site differs from the review: title, excerpt, text."""
    found = []
    for name, label in (("title", "title"), ("custom_excerpt", "excerpt")):
        theirs, ours = str(remote.get(name) or ""), str(fields.get(name) or "")
        if theirs != ours:
            found.append(f"{label}: site {theirs!r}, review {ours!r}")
    theirs_text = html_text(str(remote.get("html") or ""))
    ours_text = html_text(str(fields.get("html") or ""))
    found += [f"content: {line}" for line in differences(theirs_text, ours_text)]
    theirs_tags = sorted(str(tag.get("name")) for tag in remote.get("tags") or [])
    ours_tags = sorted(str(tag["name"]) for tag in fields.get("tags") or [])
    if theirs_tags != ours_tags:
        found.append(f"tags: site {theirs_tags}, review {ours_tags}")
    if not found:
        found.append(
            f"saved on the site at {remote.get('updated_at')}; title, excerpt, text and tags "
            "are the same as the review's"
        )
    return found
