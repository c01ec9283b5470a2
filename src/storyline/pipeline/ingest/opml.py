"""OPML subscription lists: read the feeds out of one, write one from ours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from storyline.errors import InputError


@dataclass(frozen=True, slots=True)
class Outline:
    url: str
    title: str | None = None
    site: str | None = None


def read_opml(data: bytes) -> list[Outline]:
    """Every outline with an xmlUrl, at any depth (folders are flattened), in document order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the OPML file is not well-formed XML: {exc}") from exc
    if root.tag != "opml":
        raise InputError(f"the file is not OPML: its root element is <{root.tag}>")
    outlines = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if url:
            title = node.get("title") or node.get("text")
            outlines.append(Outline(url, title, node.get("htmlUrl")))
    return outlines


def write_opml(outlines: Iterable[Outline], title: str = "Storyline subscriptions") -> str:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for o in outlines:
        attrs = {"type": "rss", "text": o.title or o.url, "xmlUrl": o.url}
        if o.title:
            attrs["title"] = o.title
        if o.site:
            attrs["htmlUrl"] = o.site
        etree.SubElement(body, "outline", attrs)
    xml: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return xml.decode("utf-8")
