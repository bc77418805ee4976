"""Publishing from the app: the sites dialog, the publish dialog and the worker that keeps
their network calls off the UI thread."""
