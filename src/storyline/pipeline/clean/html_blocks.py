"""Walk a parsed HTML tree once and cut it into text blocks, one per paragraph.

A *block* is a run of inline text between two block-level boundaries (`<p>`, `<div>`, `<br>`,
`<li>` …). Each block remembers the element that owns it (by its pre-order index), how many of
its characters sit inside links, and its text. Elements are described by parallel integer lists
(parent, last descendant) so that later scoring needs no element objects and no recursion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

# Tags that end a line of text. Inline tags (a, span, strong, font, em …) do not.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "html",
    ]
)

# Elements whose content is never reader-visible text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "select",
    "textarea",
    "button",
    "object",
    "embed",
    "svg",
    "template",
    "head",
)


@dataclass(slots=True)
class Block:
    owner: int  # pre-order index of the block-level element holding the text
    text: str  # whitespace collapsed
    chars: int  # non-space characters
    link_chars: int  # non-space characters inside <a>


@dataclass(slots=True)
class Layout:
    """The blocks of a tree in reading order, plus the shape of the element tree."""

    blocks: list[Block] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)  # -1 for the root
    ends: list[int] = field(default_factory=list)  # last pre-order index inside the element
    names: list[str] = field(default_factory=list)  # "class id" of the element, lower-cased


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _chars(text: str) -> int:
    return len(text) - text.count(" ")


class _Walker:
    """Accumulates inline text and flushes it as a block at every block boundary."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.parts: list[str] = []
        self.link_chars = 0
        self.link_depth = 0
        self.owners: list[int] = []

    def add(self, text: str | None) -> None:
        if not text:
            return
        self.parts.append(text)
        if self.link_depth:
            self.link_chars += _chars(_collapse(text))

    def flush(self) -> None:
        if not self.parts:
            return
        text = _collapse("".join(self.parts))
        self.parts = []
        if text and self.owners:
            chars = _chars(text)
            self.layout.blocks.append(
                Block(self.owners[-1], text, chars, min(self.link_chars, chars))
            )
        self.link_chars = 0


def _tag_name(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def layout_of(root: etree._Element) -> Layout:
    """Cut the tree under `root` into blocks in document order."""
    layout = Layout()
    walker = _Walker(layout)
    stack: list[int] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _tag_name(element)
        if event == "start":
            index = len(layout.tags)
            layout.tags.append(tag)
            layout.parents.append(stack[-1] if stack else -1)
            layout.ends.append(index)
            layout.names.append(f"{element.get('class', '')} {element.get('id', '')}".lower())
            stack.append(index)
            if tag in BLOCK_TAGS:
                walker.flush()
                walker.owners.append(index)
            elif tag == "a":
                walker.link_depth += 1
            walker.add(element.text if tag else None)
            continue
        index = stack.pop()
        layout.ends[index] = len(layout.tags) - 1
        if tag in BLOCK_TAGS:
            walker.flush()
            walker.owners.pop()
        elif tag == "a":
            walker.link_depth -= 1
        walker.add(element.tail)
    walker.flush()
    return layout


def block_texts(root: etree._Element) -> list[str]:
    """The texts of `layout_of(root).blocks`, for callers that need nothing else (body markup
    of a feed or JSON record): the same walk without describing every element, which is most
    of what layout_of costs."""
    texts: list[str] = []
    parts: list[str] = []
    open_blocks = 0  # text outside every block-level element belongs to no block

    def flush() -> None:
        if parts:
            text = _collapse("".join(parts))
            parts.clear()
            if text and open_blocks:
                texts.append(text)

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _tag_name(element)
        if tag in BLOCK_TAGS:
            flush()
            open_blocks += 1 if event == "start" else -1
        if event == "start":
            if tag and element.text:
                parts.append(element.text)
        elif element.tail:
            parts.append(element.tail)
    flush()
    return texts


def strip_invisible(root: etree._Element) -> None:
    """Drop scripts, styles, form controls and comments, keeping the text that follows them."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
