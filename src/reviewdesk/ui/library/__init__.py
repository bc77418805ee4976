"""The reviews library: every review of the reviews folders at a glance."""
