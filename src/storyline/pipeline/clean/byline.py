"""Read author, publication time and source from byline lines the cleaner cut.

Shapes handled: labelled fields (`作者：张三`, `本文作者:访客`, `文／記者王小明`,
`来源：新华社`, `發布時間：…`, `編輯／…`, several on one line separated by `|` or spaces),
`By Jane Doe`, `本报记者 周强`, and a bare name before a date-time
(`访客 2026-01-22 14:32:15 38107`: a name, the time and a view count). A line holding only a
name-like word is not taken as the author: with no label or date beside it, it could as well be
an outlet, a column or a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from storyline.pipeline.clean.datafile import load_toml
from storyline.pipeline.clean.html_data import byline_date
from storyline.pipeline.clean.normalize import simplified_same_length
from storyline.pipeline.clean.published import parse_published

# Longest author value kept: Chinese bylines list at most a few names (张三 李四 王五 is 8
# characters); a longer value is a sentence caught by a label, not a name.
MAX_AUTHOR_CHARS = 30
# Longest unlabelled name read before a date (访客 2026-01-22 14:32): a name or an outlet; a
# longer run of words is a headline or a sentence that happens to precede a date.
MAX_BARE_NAME_CHARS = 12
# Longest source value kept: outlet names run to ~12 characters (21世纪经济报道).
MAX_SOURCE_CHARS = 20


@dataclass(frozen=True, slots=True)
class Byline:
    author: str | None = None
    published: datetime | None = None
    source: str | None = None  # the outlet a `来源：` field names


@dataclass(slots=True)
class _Fields:
    author: list[str]
    editor: list[str]
    source: list[str]


def read_bylines(lines: list[str], tz: str, *, editors: bool = True) -> Byline:
    """The first author, time and source stated across `lines` (the text of byline spans).

    With `editors`, an editor stands in for the author where no writer is named (a self-media
    post credits its poster as 编辑); without, only writers count."""
    fields = _Fields([], [], [])
    published = None
    for line in (part.strip() for text in lines for part in text.splitlines()):
        if not line:
            continue
        when = parse_published(line, tz)
        published = published or when
        _read_labels(line, fields)
        if when is not None and not (fields.author or fields.editor):
            _name_before_date(line, fields)
        if when is not None and not fields.source:
            _outlet_after_date(line, fields)
        if when is None and not fields.source:
            _lone_outlet(line, fields)
    names = fields.author or (fields.editor if editors else [])
    return Byline(
        author=names[0] if names else None,
        published=published,
        source=fields.source[0] if fields.source else None,
    )


def _read_labels(line: str, fields: _Fields) -> None:
    kinds = _label_kinds()
    matches = list(_label_pattern().finditer(line))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = _cut_value(line[match.end() : end])
        kind = kinds[match.group("label").lower()]
        if kind == "source":
            source = _clean_source(value)
            fields.source.extend([source] if source else [])
        elif kind in ("author", "editor"):
            name = _clean_name(value)
            getattr(fields, kind).extend([name] if name else [])
    prefix = _prefix_pattern().match(line)
    if prefix:
        name = _clean_name(_cut_value(prefix.group("value")))
        fields.author.extend([name] if name else [])
    elif not fields.author:
        _read_slashed(line, fields)


# Taiwan and Hong Kong bylines without a label's separator: `記者林和謙/採訪報導`,
# `◎ 記者陳鈞凱／台北報導` (a role glued to the name, a slash after it), and
# `台灣醒報／林宜靜` (an outlet, a slash, the writer).
_GLUED_ROLE = re.compile(
    r"(?:^|[\s◎●■【\[（(])(?:本[报報])?[记記]者\s*(?P<name>[\u3400-\u9fff]{2,4})\s*[／/╱]"
    r"(?!\s*(?:攝影|摄影|攝|摄|圖|图))"  # 記者陳某／攝影 credits a photo, not the article
)
_OUTLET_SLASH_NAME = re.compile(
    r"^(?P<outlet>[^\s／/╱]{2,12})\s*[／/╱]\s*(?P<name>[\u3400-\u9fff]{2,4})$"
)
# A writer named before the place of filing, without a role word: 邱某某／台北報導.
_NAME_SLASH_PLACE = re.compile(
    r"^(?P<name>[\u3400-\u9fff]{2,4})\s*[／/╱]\s*[\u3400-\u9fff]{0,4}(?:报导|報導|报道|報道)$"
)


def _read_slashed(line: str, fields: _Fields) -> None:
    glued = _GLUED_ROLE.search(line)
    if glued:
        fields.author.append(glued.group("name"))
        return
    pair = _OUTLET_SLASH_NAME.match(line.strip())
    endings = outlet_endings()
    if pair and pair.group("outlet").endswith(endings):
        fields.author.append(pair.group("name"))
        fields.source.append(pair.group("outlet"))
        return
    filed = _NAME_SLASH_PLACE.match(line.strip())
    if filed and bare_name(filed.group("name")):  # not 國際中心／綜合報導, a desk
        fields.author.append(filed.group("name"))


def _lone_outlet(line: str, fields: _Fields) -> None:
    """A byline line that is only a paper's, agency's or site's name (中國時報 between the date
    and the writer) names the source. Alone on a line, names ending in 新闻 or 频道 are as
    often a page's sections (歷史新聞, 各網頻道), so only the stronger endings count."""
    values = load_toml("bylines.toml")["values"]
    if (
        _LONE_OUTLET.match(line)
        and line.endswith(tuple(values["lone_outlet_endings"]))
        and line not in values["not_sources"]
    ):
        fields.source.append(line)


# An outlet's name alone: a few ideographs or letters, no digit, space or punctuation.
_LONE_OUTLET = re.compile(r"^[\u3400-\u9fffA-Za-z·]{2,12}$")


def _name_before_date(line: str, fields: _Fields) -> None:
    """`访客 2026-01-22 14:32:15`: the words before the first digit name the author, or the
    source when they end like an outlet's name (澎湃新闻 2025-02-12)."""
    name = _clean_name(_cut_value(re.split(r"\d", line, maxsplit=1)[0]))
    if name is None or len(name) > MAX_BARE_NAME_CHARS:
        return
    endings = outlet_endings()
    if not name.endswith(endings):
        fields.author.append(name)
    elif source := _clean_source(name):
        fields.source.append(source)


_HAN = re.compile(r"[\u3400-\u9fff]")


def _outlet_after_date(line: str, fields: _Fields) -> None:
    """`2012-01-17 華商網-華商報`, `2012年01月16日09:13华商晨报`: the word right after the date
    names the source when it ends like an outlet's name."""
    date = byline_date().search(line)
    if date is None:
        return
    rest = re.split(r"[\s|｜丨]+", line[date.end() :].strip(), maxsplit=1)[0]
    for suffix in load_toml("bylines.toml")["values"]["link_suffixes"]:
        rest = rest.removesuffix(suffix)
    endings = outlet_endings()
    if 2 <= len(rest) <= MAX_SOURCE_CHARS and rest.endswith(endings) and _HAN.search(rest):
        source = _clean_source(rest)
        fields.source.extend([source] if source else [])


def _cut_value(value: str) -> str:
    """A field's value ends at a separator, a date, or a run of spaces before the next field."""
    ends = load_toml("bylines.toml")["value_ends"]
    value = re.split(f"[{re.escape(ends)}]|\\s{{2,}}|\\d{{4}}\\s*[-/.年]", value, maxsplit=1)[0]
    return value.strip(" \t,，;；。·•-—（(【[《")


def _clean_name(value: str) -> str | None:
    values = load_toml("bylines.toml")["values"]
    for other in values["not_writers"]:
        # 李培乐 通讯员 赵杨: the correspondent after a writer is no writer; 作者：通讯员 刘建
        # names the correspondent as the author.
        before, _, after = value.partition(other)
        value = before if before.strip() else after
    for role in values["roles"]:
        # The name follows its role, which may follow the outlet (半月谈记者谭飞 → 谭飞).
        value = value.rpartition(role)[2].strip() if role in value else value
    for word in values["stops"]:
        head, stop, _ = value.partition(word)
        if stop and head[-1:].strip() and " " in head.strip():
            # A place written onto the stop word ends the names: 邱雯琪 羅執中 台北報導.
            head = head.strip().rpartition(" ")[0]
        value = head.strip()
    if value.endswith((")", "）")) and not re.search(r"[(（]", value):
        value = value[:-1].strip()  # 攝) of (记者 张三 文/攝): the bracket closed the credit
    if not value or len(value) > MAX_AUTHOR_CHARS or value in values["not_names"]:
        return None
    if re.search(r"\d|https?:|[：:。！？!?，]", value) or not re.search(r"\w", value):
        return None
    if any(label in value for label in _source_labels()):
        return None  # 本文来源于《财经网》: a sentence about the source, not a name
    return value


def _clean_source(value: str) -> str | None:
    value = value.strip("《》<>「」“”\"' ")
    if value.endswith((")", "）")) and not re.search(r"[(（]", value):
        value = value[:-1]  # 多维) of (来源：多维): the bracket closed the whole field
    if _HAN.search(value):
        # A Chinese outlet's name holds no space: what follows one is the next field of the
        # line (中工网-工人日报(北京) 有0人参与); Latin names (Cult of Mac) keep theirs.
        value = value.split()[0] if value.split() else value
    if not value or len(value) > MAX_SOURCE_CHARS or re.search(r"https?:|[。！？]", value):
        return None
    if value.startswith(("来自", "來自")):
        return None  # 来自手机客户端: the device a post came from
    return None if value in load_toml("bylines.toml")["values"]["not_sources"] else value


@lru_cache(maxsize=1)
def outlet_endings() -> tuple[str, ...]:
    """How outlets' names end (…网, …日报, …社, …News): a word ending so is not a person."""
    return tuple(load_toml("bylines.toml")["values"]["outlet_endings"])


@lru_cache(maxsize=1)
def _source_labels() -> tuple[str, ...]:
    return tuple(load_toml("bylines.toml")["labels"]["source"])


@lru_cache(maxsize=1)
def _label_kinds() -> dict[str, str]:
    labels = load_toml("bylines.toml")["labels"]
    kinds = ("author", "editor", "source", "time")
    return {word.lower(): kind for kind in kinds for word in labels[kind]}


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    data = load_toml("bylines.toml")
    words = sorted(_label_kinds(), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    separators = re.escape(data["separators"])
    return re.compile(
        rf"(?:^|(?<=[\s{separators},，;；·•]))(?P<label>{alternation})\s*[{separators}]\s*",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    words = load_toml("bylines.toml")["labels"]["author_prefix"]
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^\s*(?:{alternation})\s+(?P<value>[^\d,，|]+)")


def bare_name(name: str) -> bool:
    """A name standing without a role word: 2-4 ideographs that start with a family name."""
    words = load_toml("bylines.toml")["dateline"]
    if not re.fullmatch(r"[\u3400-\u9fff]{2,4}", name) or name in words["not_names"]:
        return False
    if name.endswith(tuple(words["body_endings"])):
        return False  # （卫计局）: a body credited, not a person
    surnames, compound = _surnames()
    simple = simplified_same_length(name)
    if simple[:2] in compound:
        return True
    return simple[0] in surnames and len(name) <= 3


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    zh = load_toml("entity_rules.toml")["zh"]
    return frozenset("".join(zh["surnames"].split())), frozenset(zh["compound_surnames"])
