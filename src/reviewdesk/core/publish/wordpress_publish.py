"""Publishing a review to a WordPress site:
upload new or changed images, find or create the terms, create the post or update the one
`publish.yaml` names (after checking nobody edited it on the site), record what was done, and
read the post back to report what the site changed or dropped."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reviewdesk.core.publish import blocks, post, readback, secrets
from reviewdesk.core.publish.images import BundleImage
from reviewdesk.core.publish.result import (
    ConflictError,
    Progress,
    PublishError,
    PublishResult,
)
from reviewdesk.core.publish.run import PublishRun
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.state import SiteState, UploadedImage
from reviewdesk.core.publish.text import differences, html_text
from reviewdesk.core.publish.wordpress import User, WordPress, WordPressError

LIVE = ("publish", "future")


def publish_wordpress(
    bundle_folder: str | Path,
    site: Site,
    status: str | None = None,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> PublishResult:
    """Publish the review in `bundle_folder` to `site` (see the module's text). BundleError for
    a bad bundle or publish.yaml, ConflictError when the post was edited on the site (unless
    `force`), PublishError for anything else; with `dry_run` nothing is written anywhere."""
    run = _Run(bundle_folder, site, progress)
    try:
        secret = secrets.load(site)
    except secrets.SecretError as error:
        raise PublishError(str(error)) from None
    try:
        with WordPress(site.url, site.user, secret) as client:
            return run.publish(client, status, dry_run=dry_run, force=force)
    except WordPressError as error:
        if error.status == 401:
            raise PublishError(
                f"{site.name}: the site did not log {site.user!r} in ({error}); "
                f"'reviewdesk site test {site.name}' says why"
            ) from None
        raise PublishError(f"{site.name}: {error}") from None


class _Run(PublishRun):
    client: WordPress

    def publish(
        self, client: WordPress, status: str | None, *, dry_run: bool, force: bool
    ) -> PublishResult:
        self.client = client
        result = self.result
        result.dry_run = dry_run
        self.progress(f"Connecting to {self.site.url}")
        user = self.client.me()
        remote = self._remote_post()
        result.status = self._status(status, remote)
        self._check_rights(user, result.status)
        images = self._images()
        uploaded = self._upload(images, dry_run=dry_run)
        tags = self._terms("tags", list(self.review.tags), user, dry_run=dry_run)
        category = self.review.category.strip()
        categories = self._terms(
            "categories", [category] if category else [], user, dry_run=dry_run
        )
        fields = self._fields(uploaded, tags, categories, result.status)
        sent_hash = post.fields_hash(fields)
        edited = remote is not None and self._edited_on_site(remote)
        if edited and not force:
            assert remote is not None
            raise ConflictError(
                f"{self.site.name}: post {remote['id']} was edited on the site since it was "
                "last published from here; nothing was written (--force overwrites it)",
                self._conflicts(remote, fields),
            )
        if remote is not None and not edited and self.before and self.before.sent_hash == sent_hash:
            result.action, result.post_id, result.link = "unchanged", remote["id"], remote["link"]
            return result
        if dry_run:
            result.action = "would update" if remote is not None else "would create"
            result.post_id = remote["id"] if remote is not None else None
            result.link = remote["link"] if remote is not None else ""
            return result
        written = self._write(remote, fields)
        self._record(written, sent_hash)
        self.progress("Reading the post back")
        result.differences = readback.check(self.client, self.review, fields, written, self.site)
        return result

    # --- the post on the site -------------------------------------------------------------------

    def _remote_post(self) -> dict[str, Any] | None:
        if self.before is None:
            return None
        found = self.client.post(int(self.before.post_id))
        if found is None or found.get("status") == "trash":
            where = "is in the site's trash" if found else "no longer exists on the site"
            self.result.warnings.append(
                f"post {self.before.post_id} recorded in publish.yaml {where}; "
                "publishing as a new post"
            )
            return None
        return found

    def _edited_on_site(self, remote: dict[str, Any]) -> bool:
        assert self.before is not None
        if str(remote.get("modified_gmt", "")) != self.before.modified_gmt:
            return True
        return bool(self.before.kept_hash) and post.kept_hash(remote) != self.before.kept_hash

    def _status(self, asked: str | None, remote: dict[str, Any] | None) -> str:
        if asked == "future" and self.review.published is None:
            self.result.warnings.append(
                "--status future needs a publication date to wait for; the site publishes it now"
            )
        if asked is not None:
            return asked
        wanted = post.wanted_status(self.review)
        live = remote.get("status") if remote is not None else None
        if wanted == "draft" and live in LIVE:
            self.result.warnings.append(
                f"the post is {'live' if live == 'publish' else 'scheduled'} on the site and the "
                f"review is {self.review.status.value}: left {live} (--status draft takes it down)"
            )
            return str(live)
        return wanted

    def _check_rights(self, user: User, status: str) -> None:
        if not user.can("edit_posts"):
            raise PublishError(
                f"{self.site.name}: {self.site.user} may not write posts there "
                f"(role {', '.join(user.roles) or 'none'})"
            )
        if status in LIVE and not user.can("publish_posts"):
            raise PublishError(
                f"{self.site.name}: {self.site.user} may not publish there (role "
                f"{', '.join(user.roles) or 'none'}); publish with --status draft for an editor "
                "to publish, or ask for the Author role"
            )

    # --- images ---------------------------------------------------------------------------------

    def _upload(self, images: list[BundleImage], *, dry_run: bool) -> dict[str, UploadedImage]:
        """Each image on the site: the one uploaded before (same bytes) when it is still
        there, else a new upload. By the path the review writes."""
        known = self.media
        present = self.client.media(image.id for image in known.values()) if known else {}
        placed: dict[str, UploadedImage] = {}
        fresh: dict[str, UploadedImage] = {}  # uploaded (or to be) by this run, by content
        for image in images:
            old = known.get(image.digest)
            if image.digest in fresh:
                placed[image.path] = fresh[image.digest]
                continue
            if old is not None and old.id in present:
                self._update_texts(old, present[old.id], image, dry_run=dry_run)
                placed[image.path] = old
                continue
            if image.path not in self.result.uploaded:
                self.result.uploaded.append(image.path)
            if dry_run:
                placed[image.path] = fresh[image.digest] = UploadedImage(0, "", image.path)
                continue
            self.progress(f"Uploading {image.path}")
            caption = post.as_html(image.caption)
            new = self.client.upload(image.data, image.name, image.mime, image.alt, caption)
            placed[image.path] = UploadedImage(new.id, new.url, image.path)
            known[image.digest] = fresh[image.digest] = placed[image.path]
            self._remember_media()
        return placed

    def _update_texts(
        self, old: UploadedImage, item: Mapping[str, Any], image: BundleImage, *, dry_run: bool
    ) -> None:
        caption = item.get("caption", {})
        raw_caption = caption.get("raw", "") if isinstance(caption, dict) else ""
        if item.get("alt_text", "") == image.alt and html_text(raw_caption) == image.caption:
            return
        self.result.retexted.append(image.path)
        if not dry_run:
            self.client.update_media(old.id, image.alt, post.as_html(image.caption))

    # --- terms ----------------------------------------------------------------------------------

    def _terms(self, taxonomy: str, names: list[str], user: User, *, dry_run: bool) -> list[int]:
        if not names:
            return []
        found = self.client.find_terms(taxonomy, names)
        what = "tag" if taxonomy == "tags" else "category"
        for name in names:
            if name in found:
                continue
            if dry_run:
                self.result.created_terms.append(f"{what} {name!r}")
                continue
            try:
                found[name] = self.client.create_term(taxonomy, name)
                self.result.created_terms.append(f"{what} {name!r}")
            except WordPressError as error:
                if error.status not in (401, 403):
                    raise
                self.result.warnings.append(
                    f"{what} {name!r} does not exist on {self.site.name} and {self.site.user} "
                    f"may not create it; ask an editor to add the {what}, then publish again "
                    f"(published without it)"
                )
        return list(dict.fromkeys(found[name] for name in names if name in found))

    # --- the fields -----------------------------------------------------------------------------

    def _fields(
        self,
        uploaded: dict[str, UploadedImage],
        tags: list[int],
        categories: list[int],
        status: str,
    ) -> dict[str, Any]:
        hero = self.review.hero
        featured = uploaded.get(hero.image) if hero is not None else None
        content, warnings = blocks.post_content(self.review, uploaded, self.site.theme)
        self.result.warnings += warnings
        # No page address: a new post has none yet, and one sent later would change what is
        # sent for nothing (and keep a scheduled post's ?p= link). The plugin adds the post's
        # own address to the JSON-LD when it prints it; the canonical URL, if any, stays.
        meta = post.meta_fields(
            self.review,
            page_url=None,
            image_url=featured.url if featured and featured.url else None,
        )
        return post.post_fields(
            self.review,
            content=content,
            status=status,
            featured_media=featured.id if featured else 0,
            tags=tags,
            categories=categories,
            meta=meta,
        )

    def _conflicts(self, remote: dict[str, Any], fields: dict[str, Any]) -> list[str]:
        found = []
        for name in ("title", "excerpt"):
            theirs = _raw(remote.get(name))
            if html_text(theirs) != html_text(str(fields[name])):
                found.append(
                    f"{name}: site {html_text(theirs)!r}, review {html_text(str(fields[name]))!r}"
                )
        theirs_text = html_text(_raw(remote.get("content")))
        ours_text = html_text(str(fields["content"]))
        found += [f"content: {line}" for line in differences(theirs_text, ours_text)]
        for taxonomy in ("tags", "categories"):
            theirs_ids = [int(i) for i in remote.get(taxonomy, [])]
            if sorted(theirs_ids) != sorted(fields[taxonomy]) and (
                fields[taxonomy] or taxonomy == "tags"
            ):
                names = self.client.term_names(taxonomy, [*theirs_ids, *fields[taxonomy]])
                site = sorted(names.get(i, str(i)) for i in theirs_ids)
                ours = sorted(names.get(i, str(i)) for i in fields[taxonomy])
                found.append(f"{taxonomy}: site {site}, review {ours}")
        if not found:
            found.append(
                f"modified {remote.get('modified_gmt')} UTC on the site; title, excerpt, "
                "content and terms are the same as the review's"
            )
        return found

    # --- writing --------------------------------------------------------------------------------

    def _write(self, remote: dict[str, Any] | None, fields: dict[str, Any]) -> dict[str, Any]:
        result = self.result
        if remote is None:
            self.progress("Creating the post")
            written = self.client.create_post(fields)
            result.action = "created"
        else:
            self.progress(f"Updating post {remote['id']}")
            written = self.client.update_post(int(remote["id"]), fields)
            result.action = "updated"
        result.post_id = int(written["id"])
        result.link = str(written.get("link", ""))
        result.status = str(written.get("status", result.status))
        return written

    def _record(self, written: dict[str, Any], sent_hash: str) -> None:
        entry = SiteState(
            int(written["id"]),
            str(written.get("link", "")),
            str(written.get("modified_gmt", "")),
            sent_hash,
            post.kept_hash(written),
            dict(self.media),
        )
        self._save(entry)


def _raw(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("raw", value.get("rendered", "")))
    return str(value or "")
