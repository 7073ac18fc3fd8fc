"""Turning an article's title and body into the one text the pipeline parses."""

from __future__ import annotations

from dataclasses import dataclass, field

from .casing import neutralise, truecase

HEADLINE_MAX_CHARS = 200


@dataclass
class PreparedText:
    analysed: str
    body_offset: int = 0  # where the body starts in `analysed`
    headline_end: int = 0  # end of the headline in `analysed` (0: no headline)
    detected_title: str | None = None
    warnings: list[str] = field(default_factory=list)
    # `analysed` before markers were blanked and capitals truecased (same length); None: unchanged
    original: str | None = None

    @property
    def quoted(self) -> str:
        """The text the user gave, that quotes are cut from."""
        return self.original if self.original is not None else self.analysed


def adapt_text(prepared: PreparedText, gazetteer=None) -> PreparedText:
    """Blank transcript markers and agency credits, truecase capitals: offsets unchanged."""
    given = prepared.analysed
    analysed = truecase(neutralise(given), gazetteer)
    if analysed != given:
        assert len(analysed) == len(given)
        prepared.original = given
        prepared.analysed = analysed
    return prepared


def prepare_text(text: str, title: str | None, max_chars: int) -> PreparedText:
    warnings: list[str] = []
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        warnings.append(f"article is {len(text):,} characters long: only the first {cut:,} were analysed")
        text = text[:cut]
    if title and title.strip():
        title = " ".join(title.split())
        return PreparedText(
            analysed=f"{title}\n\n{text}",
            body_offset=len(title) + 2,
            headline_end=len(title),
            warnings=warnings,
        )
    headline = detect_headline(text)
    return PreparedText(
        analysed=text,
        headline_end=len(headline) if headline else 0,
        detected_title=headline.strip() if headline else None,
        warnings=warnings,
    )


def detect_headline(text: str) -> str | None:
    """The first line, when it reads as a headline: short, unpunctuated, with a body after it."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip():
        return None
    line = first.rstrip()
    if not line.strip() or len(line) > HEADLINE_MAX_CHARS or line.endswith((".", ",", ";", ":")):
        return None
    return line
