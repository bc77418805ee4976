"""Hostile bodies: what the body renderer and the app must survive."""

PATHOLOGICAL = {
    "unclosed brackets": "[a " * 4000,
    "nested brackets": "[" * 20000 + "x" + "]" * 20000,
    "a run of asterisks": "*" * 5000 + "x" + "*" * 5000,
    "a run of underscores": "_" * 5000 + "x" + "_" * 5000,
    "a 1 MB line": "word " * 200_000,
    "deeply nested lists": "\n".join("    " * depth + "- item" for depth in range(200)),
    "deeply nested quotes": ">" * 500 + " deep",
    "deeply nested spaced quotes": "> " * 400 + "deep\n" + "> " * 300 + "less",
    "spaced quotes just short of the limit": "> " * 49 + "deep\n" + ">  " * 45 + "less",
    "tags left open": "<img " * 40_000,
    "tags left open with attributes": "<a href='x' " * 20_000 + "\n" + '<b title="' * 20_000,
    "lists nested 400 deep": "\n".join("  " * depth + "- item" for depth in range(400)),
}
"""Markdown that makes Python-Markdown take seconds, overflow its stack or answer by the
caller's stack depth, unless the body renderer guards against it."""

HOSTILE_HTML = (
    "<script>document.title = 'pwned'</script>\n"
    "<img src=x onerror=\"document.title = 'pwned'\">"
    ' <iframe src="https://example.org"></iframe>'
    ' <p style="background: url(https://example.org/x.png)">styled</p>\n'
) * 500
