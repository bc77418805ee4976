"""One edit of a text as the span it replaced: what an undo step keeps of a long body instead
of two whole copies of it."""

from __future__ import annotations

from dataclasses import dataclass

_CHUNK = 2048  # compared a slice at a time: the scan of a long body stays in C


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of `a` and `b`."""
    limit = min(len(a), len(b))
    length = 0
    while length + _CHUNK <= limit and a[length : length + _CHUNK] == b[length : length + _CHUNK]:
        length += _CHUNK
    low, high = length, min(length + _CHUNK, limit)
    while low < high:  # within the chunk that differs: halve it
        middle = (low + high + 1) // 2
        if a[length:middle] == b[length:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of `a` and `b`, at most `limit`."""
    length = 0
    while (
        length + _CHUNK <= limit
        and a[len(a) - length - _CHUNK : len(a) - length]
        == b[len(b) - length - _CHUNK : len(b) - length]
    ):
        length += _CHUNK
    low, high = length, min(length + _CHUNK, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - length] == b[len(b) - middle : len(b) - length]:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True, slots=True)
class TextChange:
    """`removed` at `start` replaced by `inserted`."""

    start: int
    removed: str
    inserted: str

    @classmethod
    def between(cls, old: str, new: str) -> TextChange:
        """The smallest single span that turns `old` into `new`."""
        prefix = common_prefix(old, new)
        suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
        return cls(prefix, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])

    def apply(self, text: str) -> str:
        """The text after this change, given the text before it."""
        return text[: self.start] + self.inserted + text[self.start + len(self.removed) :]

    def inverse(self) -> TextChange:
        return TextChange(self.start, self.inserted, self.removed)

    def then(self, later: TextChange, between: str) -> TextChange:
        """This change and `later` as one; `between` is the text after this one and before
        `later`. Only the span the two cover (and any text between them) is kept."""
        start = min(self.start, later.start)
        end = max(self.start + len(self.inserted), later.start + len(later.removed))
        span = between[start:end]
        return TextChange(
            start,
            TextChange(self.start - start, self.inserted, self.removed).apply(span),
            TextChange(later.start - start, later.removed, later.inserted).apply(span),
        )
