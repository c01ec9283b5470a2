"""Reason codes for spans the cleaner removes. Metadata reads some of them back (see each)."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    LINE_NUMBERS = "line-numbers"  # a run of scraper line numbers: 1. 2. 3. …
    EMPTY_IMAGE = "empty-image"  # ![]() and image links with no text
    IMAGE = "image"  # a Markdown/HTML image reference (URL kept in the span)
    IMAGE_CREDIT = "image-credit"  # 图片来源：… / 视觉中国图 / photo credits
    MARKUP = "markup"  # Markdown syntax around kept text (**, [](url) wrappers, # headings)
    TITLE = "title"  # a headline line heading a text that gave none (metadata reads it)
    TITLE_REPEAT = "title-repeat"  # the known headline repeated inside the body
    BYLINE = "byline"  # author / time / view-count header lines (metadata reads author and time)
    SOURCE_LINK = "source-link"  # a trailing link to the original (metadata reads url and outlet)
    FOOTER = "footer"  # 阅读 分享, 责任编辑, copyright and ICP lines, share bars
    DISCLAIMER = "disclaimer"  # platform disclaimers (特別聲明：…); metadata may read the platform
    RELATED = "related"  # trailing related / hot-news lists
    SPAM_GAMBLING = "spam-gambling"  # gambling-cheat adverts
    SPAM_CONTACT = "spam-contact"  # solicitations with phone / WeChat / QQ numbers
    SEO_FILLER = "seo-filler"  # auto-written summary filler (这段摘要简洁明了地概括了…)
