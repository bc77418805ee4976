"""The desktop app, a thin Qt layer over reviewdesk.core."""

from reviewdesk.ui.pyside_imports import skip_source_reads

skip_source_reads()  # before the app's own modules are imported
