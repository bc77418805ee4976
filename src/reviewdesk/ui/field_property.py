"""The name of the widget property that says which field of the review an input edits."""

FIELD_PROPERTY = "reviewField"
"""The dotted path a widget edits, so a problem about that field can focus it."""
