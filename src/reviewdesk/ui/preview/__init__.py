"""The live preview of the published page (DESIGN §6): a sandboxed QtWebEngine view, started
after the window's first paint."""
