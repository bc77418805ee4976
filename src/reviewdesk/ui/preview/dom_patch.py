"""The script that patches the preview page in place (run in the page's isolated application
world: the page's own scripts are off). It keeps the body as groups of nodes, one group per
top-level block, so an edit replaces only the nodes of the blocks it touched, and the reader
keeps their place. It also scrolls to what the writer is editing: a field's section, or where
an empty field's section will appear, or a block of the body."""

from __future__ import annotations

import json
from typing import Any

from reviewdesk.core.page_marks import BODY_SLOT, SECTION_IDS

SLOT_TEXT = BODY_SLOT.removeprefix("<!--").removesuffix("-->")

SECTION_ORDER = tuple(SECTION_IDS)
"""The fields with a section on the page, top to bottom as the layout places them. An empty
field's section is left out of the page; it will appear after the nearest one before it."""

LONG_BODY = 400
"""Blocks from which a body is long: the page lays out only its blocks in or near view."""

_BLOCKS = "p, h2, h3, h4, h5, h6, pre, hr, blockquote"
_ENDS_IN_A_BLOCK = (
    "li:last-child > :last-child:is(p, ul, ol, dl, pre, blockquote, table, figure, details, div)"
)
LAID_OUT_WHEN_SEEN = (
    f"[data-field='body'] > :is({_BLOCKS}), "
    f"[data-field='body'] > :is(ul, ol):not(:has(> {_ENDS_IN_A_BLOCK}))"
)
"""The blocks of a long body that the page lays out only when in or near view (CSS
content-visibility). Their layout is what Chromium keeps most of for a page (some 20 MiB and
their layout time at 100,000 words), and it changes nothing they show: a block so contained
keeps its content's margins inside it, where these have none to collapse through it (a list
whose last item ends in a block of its own is left out, as are tables and figures)."""

MARGIN = 0.2
"""Of the view's height, kept free above and below what the writer edits: room to see what is
around it, and for a new paragraph to grow into before the page has to scroll again."""

INSTALL = (
    """
(() => {
  if (window.reviewdesk) return true;
  const nodes = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return [...template.content.childNodes];
  };
  const state = {groups: [], body: null, end: null, patched: 0};
  // A long body's blocks out of view are not laid out; the size a block last had when shown
  // holds its place. Adopted, not in <head>: the page's HTML stays the export's.
  const seen = new CSSStyleSheet();
  seen.replaceSync(`${__LAID_OUT_WHEN_SEEN__} {
    content-visibility: auto; contain-intrinsic-size: auto 6em; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, seen];
  // Switched as the body crosses the line, not touched by each patch.
  const seenWhenLong = () => {
    const short = state.groups.length < __LONG_BODY__;
    if (seen.disabled !== short) seen.disabled = short;
  };
  // The body's place in a page: the slot comment, replaced by the groups' nodes.
  const claim = (root) => {
    const body = root.querySelector('[data-field="body"]');
    if (!body) return;
    for (const node of body.childNodes) {
      if (node.nodeType === Node.COMMENT_NODE && node.data === __SLOT__) {
        state.body = body;
        state.end = node.nextSibling;
        node.remove();
        return;
      }
    }
  };
  const syncHead = (html) => {
    const fresh = new DOMParser().parseFromString(`<head>${html}</head>`, 'text/html').head;
    const old = [...document.head.children], now = [...fresh.children];
    if (old.length !== now.length) {
      document.head.replaceChildren(...now.map((n) => document.adoptNode(n)));
      return;
    }
    now.forEach((node, i) => {
      if (node.outerHTML !== old[i].outerHTML) old[i].replaceWith(document.adoptNode(node));
    });
  };
  // The frame of the page changed: a new page around the same body nodes.
  const rebuild = (html) => {
    const fresh = new DOMParser().parseFromString(html, 'text/html');
    // The page's language (hyphenation, screen readers) is an attribute of <html>.
    document.documentElement.lang = fresh.documentElement.lang;
    syncHead(fresh.head.innerHTML);
    const main = document.adoptNode(fresh.body.firstElementChild);
    const moving = state.groups.flat();
    state.body = state.end = null;
    claim(main);
    if (state.body) for (const node of moving) state.body.insertBefore(node, state.end);
    else for (const node of moving) node.remove();
    document.body.firstElementChild.replaceWith(main);
  };
  const splice = (start, removed, inserted) => {
    const fresh = inserted.map(nodes);
    for (const group of state.groups.splice(start, removed, ...fresh)) {
      for (const node of group) node.remove();
    }
    if (!state.body) return;
    let anchor = state.end;
    for (const group of state.groups.slice(start + fresh.length)) {
      if (group.length) { anchor = group[0]; break; }
    }
    const added = document.createDocumentFragment();
    for (const group of fresh) added.append(...group);
    state.body.insertBefore(added, anchor);
    state.patched += fresh.length;
    seenWhenLong();
  };
  // Where things are, in the view's coordinates: {top, bottom}, or null for nothing shown.
  const span = (nodes) => {
    let top = Infinity, bottom = -Infinity;
    for (const node of nodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const box = node.getBoundingClientRect();
      if (!box.width && !box.height) continue;  // not laid out (display: none)
      top = Math.min(top, box.top);
      bottom = Math.max(bottom, box.bottom);
    }
    return top <= bottom ? {top, bottom} : null;
  };
  const line = (y) => ({top: y, bottom: y});
  const section = (field) => document.querySelector(`[data-field="${field}"]`);
  const ORDER = __ORDER__;
  // An empty field has no section: it will appear below the nearest section before it.
  const fieldSpan = (field) => {
    const shown = section(field);
    if (shown) return span([shown]);
    const index = ORDER.indexOf(field);
    if (index < 0) return null;  // a field the page does not show
    for (let i = index - 1; i >= 0; i--) {
      const before = section(ORDER[i]);
      if (before) return line(before.getBoundingClientRect().bottom);
    }
    for (let i = index + 1; i < ORDER.length; i++) {
      const after = section(ORDER[i]);
      if (after) return line(after.getBoundingClientRect().top);
    }
    return null;
  };
  // A block that shows nothing yet (a blank line typed): where its text will appear.
  const groupSpan = (index) => {
    const groups = state.groups;
    const own = index < groups.length ? span(groups[index]) : null;
    if (own) return own;
    for (let i = index + 1; i < groups.length; i++) {
      const after = span(groups[i]);
      if (after) return line(after.top);
    }
    for (let i = Math.min(index, groups.length) - 1; i >= 0; i--) {
      const before = span(groups[i]);
      if (before) return line(before.bottom);
    }
    return fieldSpan('body');
  };
  // Show `target` with a margin of the view free above and below it, its top at the margin
  // when it has to scroll; of a target taller than the room left, its start or (`atEnd`:
  // typing goes on there) its end.
  const reveal = (target, atEnd) => {
    if (!target) return false;
    const margin = innerHeight * __MARGIN__, room = innerHeight - 2 * margin;
    let {top, bottom} = target;
    if (bottom - top > room) {
      if (atEnd) top = bottom - room;
      else bottom = top + room;
    }
    if (top >= 0 && bottom <= innerHeight - margin) return false;  // in view already
    window.scrollBy({top: top - margin, behavior: 'instant'});
    return true;
  };
  // Reveal at the next frame, just before it is painted: its layout is done then anyway, where
  // measuring now would lay the page out again at once. The latest request of a frame wins.
  let revealing = null;
  const revealLater = (target, atEnd) => {
    if (!revealing) {
      requestAnimationFrame(() => {
        const [measure, end] = revealing;
        revealing = null;
        reveal(measure(), end);
      });
    }
    revealing = [target, atEnd];
    return true;
  };
  window.reviewdesk = {
    state,
    apply(patch) {
      if (patch.skeleton !== null) rebuild(patch.skeleton);
      if (patch.head !== null) syncHead(patch.head);
      for (const [field, html] of Object.entries(patch.sections)) {
        const old = document.querySelector(`[data-field="${field}"]`);
        if (old) old.replaceWith(...nodes(html));
      }
      splice(patch.start, patch.removed, patch.inserted);
      return state.groups.length;
    },
    showField(field, atEnd = false) { return revealLater(() => fieldSpan(field), atEnd); },
    showGroup(index, atEnd = false) { return revealLater(() => groupSpan(index), atEnd); },
  };
  claim(document);
  return true;
})()
""".replace("__SLOT__", json.dumps(SLOT_TEXT))
    .replace("__ORDER__", json.dumps(SECTION_ORDER))
    .replace("__MARGIN__", str(MARGIN))
    .replace("__LONG_BODY__", str(LONG_BODY))
    .replace("__LAID_OUT_WHEN_SEEN__", json.dumps(LAID_OUT_WHEN_SEEN))
)


def apply_call(patch: dict[str, Any]) -> str:
    """The call that applies a patch (`PagePatch.as_json()`); it evaluates to the number of
    body groups the page holds."""
    return f"reviewdesk.apply({json.dumps(patch)})"
