"""The page in the app's light or dark, as a reader's browser in that scheme shows it.

The page's dark colours are under `@media (prefers-color-scheme: dark)`, which QtWebEngine
answers from the platform: on a plain X11 session (where the app draws its own dark palette)
it stays light, and a dark window showed a light page. The script turns those media rules on
or off by the app's palette, in the page's style sheets alone (the page's HTML is unchanged)."""

from __future__ import annotations

_SCRIPT = """
((dark) => {
  const original = window.reviewdeskMedia || (window.reviewdeskMedia = new WeakMap());
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch (error) { continue; }
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        if (!original.has(rule)) original.set(rule, rule.media.mediaText);
        if (!/prefers-color-scheme:\\s*dark/.test(original.get(rule))) continue;
        rule.media.mediaText = dark ? 'all' : 'not all';
      } else if (rule instanceof CSSStyleRule && rule.selectorText === ':root'
                 && rule.style.colorScheme) {
        rule.style.colorScheme = dark ? 'dark' : 'light';  // scroll bars and controls
      }
    }
  }
  return true;
})(__DARK__)
"""


def scheme_script(*, dark: bool) -> str:
    """The script that shows the page loaded in the dark scheme, or the light one."""
    return _SCRIPT.replace("__DARK__", "true" if dark else "false")
