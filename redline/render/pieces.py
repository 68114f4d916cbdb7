"""Cut a page's template at its blank lines into pieces that render alone, each compiled once.

Compiling is most of a render's cost, and a history renders hundreds of versions of one
page that differ in a block or two: compiled whole, each version is compiled again. Cut at
its blank lines, the versions share all their unchanged pieces, and a piece with no Jinja in
it is not compiled at all.

The pieces, rendered one after the other with the same data and joined by the blank lines
between them, give exactly what the whole template gives when nothing in Jinja reaches
across a blank line. :func:`pieces` cuts only where that holds and says None (compile the
whole) otherwise:

- a statement that names something for later text (``set``, ``macro``, ``import``,
  ``from``, ``extends``, ``block``, ``call``, ``filter``, ``with``) or keeps text
  unread (``raw``) anywhere: the whole template;
- whitespace control (``{%-``, ``-}}`` …) anywhere: it eats the blank line beside it;
- ``trim_blocks`` takes the line end after a statement or a comment tag: a piece that ends
  with ``{% endfor %}`` or ``{% endif %}`` is followed by one line end less, one that ends
  with another tag (or text that looks like one) makes the template one piece;
- ``for`` and ``if`` blocks stay in one piece (counted by their tags; a miscount leaves a
  tag unclosed in a piece, which fails to compile, and the caller then compiles the whole);
- a piece that ends with ``{#``: Jinja reads it as an empty comment at the end of a text, where the
  whole template reads a comment that goes on past the blank line (commented-out paragraphs);
- a carriage return anywhere (Jinja turns line ends into ``\\n`` as it reads template text);
- more than :data:`MAX_PIECES` pieces with Jinja in them (one compile is then cheaper).

A tag or a comment cut in two fails to compile (an unclosed tag is a syntax error), and so
does a block cut in two: the renderer then runs the whole template (its error, its line).
The sandbox forbids changing data (:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment`),
so rendering a piece again, or the whole after a piece failed, sees the same data.
"""

from __future__ import annotations

import re

#: what makes the whole template one piece (see the module's docstring)
_WHOLE = re.compile(
    r"\{%[+-]?\s*(?:set|macro|import|from|extends|block|call|filter|with|raw)\b"
    r"|\{[%{#][+-]|[+-][%}#]\}|\r"
)
#: pieces with Jinja in them a page may be cut into (more: the page is compiled whole)
MAX_PIECES = 1_000
#: blank lines (the separators kept between pieces)
_BLANKS = re.compile(r"(\n\n+)")
_OPENS = re.compile(r"\{%\s*(?:for|if)\b")
_CLOSES = re.compile(r"\{%\s*(?:endfor|endif)\b")
#: the tags ``trim_blocks`` takes the line end after
_TRIMMED_END = ("%}", "#}")
#: a piece that ends with the closing tag of a ``for`` or an ``if``
_ENDS_BLOCK = re.compile(r"\{%\s*end(?:for|if)\s*%\}\Z")


def pieces(template: str) -> list[str] | None:
    """``template`` cut into pieces, with the text printed between them, or None when it must
    be compiled whole. Pieces sit at the even positions, the text between at the odd ones.

    The text between two pieces is the blank lines that separate them, less the line end
    ``trim_blocks`` takes after a closing ``{% endfor %}`` or ``{% endif %}``.

    >>> pieces("# Title\\n\\nHello {{ name }}.\\n\\n\\nEnd.")
    ['# Title', '\\n\\n', 'Hello {{ name }}.', '\\n\\n\\n', 'End.']
    >>> pieces("{% for x in xs %}\\n- {{ x }}\\n\\n{% endfor %}\\n\\nAfter.")
    ['{% for x in xs %}\\n- {{ x }}\\n\\n{% endfor %}', '\\n', 'After.']
    >>> pieces("{% set x = 1 %}\\n\\n{{ x }}") is None, pieces("A {{- x }}\\n\\nB") is None
    (True, True)
    >>> pieces("A {# note #}\\n\\nB") is None
    True
    """
    if _WHOLE.search(template):
        return None
    parts = _BLANKS.split(template)
    texts, between = parts[0::2], parts[1::2]
    found: list[str] = []
    held: list[str] = []
    depth = 0
    for index, text in enumerate(texts):
        held.append(text)
        depth += len(_OPENS.findall(text)) - len(_CLOSES.findall(text))
        if depth < 0:
            return None
        last = index == len(texts) - 1
        if depth > 0:
            held.extend([] if last else [between[index]])
            continue
        piece = "".join(held)
        held = []
        found.append(piece)
        if not last:
            gap = _gap(piece, between[index])
            if gap is None:
                return None
            found.append(gap)
    if held:
        found.append("".join(held))  # an unclosed block: the piece fails to compile, the whole says why
    if sum(not plain(piece) for piece in found[0::2]) > MAX_PIECES:
        return None  # compiling thousands of small templates would cost more than one large one
    return found


def _gap(piece: str, blank: str) -> str | None:
    """What the whole template prints of ``blank`` after ``piece``; None when that is unsure."""
    if piece.endswith("{#"):
        return None  # alone, an ending "{#" is an empty comment; whole, the comment runs past the blank
    if _ENDS_BLOCK.search(piece):
        return blank[1:]  # trim_blocks: the first line end after a block tag
    if piece.endswith(_TRIMMED_END):
        return None  # another tag (or text that only looks like one): compile the whole
    return blank


def plain(piece: str) -> bool:
    """True when ``piece`` holds no Jinja: it renders as itself.

    >>> plain("Hello {name}."), plain("Hello {{ name }}."), plain("{# note #}")
    (True, False, False)
    """
    return "{{" not in piece and "{%" not in piece and "{#" not in piece
