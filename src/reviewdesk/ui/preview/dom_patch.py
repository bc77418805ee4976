"""The script that patches the preview page in place (run in the page's isolated application
world: the page's own scripts are off). It keeps the body as groups of nodes, one group per
top-level block, so an edit replaces only the nodes of the blocks it touched, and the reader
keeps their place."""

from __future__ import annotations

import json
from typing import Any

from reviewdesk.core.live_page import BODY_SLOT

SLOT_TEXT = BODY_SLOT.removeprefix("<!--").removesuffix("-->")

INSTALL = """
(() => {
  if (window.reviewdesk) return true;
  const nodes = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return [...template.content.childNodes];
  };
  const state = {groups: [], body: null, end: null, patched: 0};
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
  };
  const groupElement = (index) => {
    for (const group of state.groups.slice(index)) {
      const element = group.find((node) => node.nodeType === Node.ELEMENT_NODE);
      if (element) return element;
    }
    return null;
  };
  const show = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.top > innerHeight * 0.8) element.scrollIntoView({block: 'start'});
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
    showField(field) { return show(document.querySelector(`[data-field="${field}"]`)); },
    showGroup(index) { return show(groupElement(index)); },
  };
  claim(document);
  return true;
})()
""".replace("__SLOT__", json.dumps(SLOT_TEXT))


def apply_call(patch: dict[str, Any]) -> str:
    """The call that applies a patch (`PagePatch.as_json()`); it evaluates to the number of
    body groups the page holds."""
    return f"reviewdesk.apply({json.dumps(patch)})"
