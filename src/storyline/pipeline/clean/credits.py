"""Writers credited inside the text: a dateline's brackets at its head, a credit at its end.

Chinese news names its reporters where a byline would, and in the text itself:
新华社北京1月12日电（记者 张三 李四）, 本报讯（记者张三 通讯员李四）, 中新社北京1月12日电 (张三),
【某某報記者王小明台北報導】 at the head; （记者 张三）, （李四）, （某某网 王五） at the end. Only
writers count: correspondents, photographers and editors are credited the same way and are
not. Every name must look like one, and a bare name (no 记者 before it) must start with a family
name, so that （资料图）, （待续） or （记者从市公安局获悉） are never taken for a writer.
"""

from __future__ import annotations

import re

from storyline.pipeline.clean.byline import bare_name, outlet_endings
from storyline.pipeline.clean.datafile import load_toml

# Where a dateline's brackets may open: the first characters of the text (新华社北京1月12日电 is
# 12 characters, with an outlet's name before it ~20).
DATELINE_REACH = 30
# Longest bracket read as a credit.
MAX_CREDIT_CHARS = 40
_BRACKET = re.compile(rf"[（(【\[〔]([^（(【\[〔）)】\]〕]{{2,{MAX_CREDIT_CHARS}}})[）)】\]〕]")
# A credit closing the text, before an end mark: …影响深远。（记者 张三）, …（李四）(完).
_CLOSING = re.compile(_BRACKET.pattern + r"\s*(?:[（(]?\s*完\s*[）)]?)?\s*$")
# A dateline's last word before its brackets: 电 (a wire's), 讯 (a paper's or a site's).
_DATELINE_END = re.compile(r"[电電讯訊]\s*$")
# One writer's name: 2-4 ideographs, or capitalised Latin words.
_NAME = re.compile(r"^(?:[\u3400-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)*)$")
# Longest outlet name read from a dateline's bracket (21世纪经济报道 is 8 characters).
MAX_OUTLET_CHARS = 12
# Most names a credit lists.
MAX_NAMES = 4


def dateline_writers(text: str) -> str | None:
    """The writers a dateline at the head of `text` credits, space-separated, or None.

    A bracket within the first characters: with a role (记者 张三 → 张三), or a bare name right
    after the dateline's 电 or 讯 (中新社北京1月12日电 (张三)) or opening the text (【王小明╱台北
    報導】)."""
    match = _BRACKET.search(text, 0, DATELINE_REACH + MAX_CREDIT_CHARS + 2)
    if match is None or match.start() > DATELINE_REACH:
        return None
    before = text[: match.start()]
    bare_ok = not before.strip() or _DATELINE_END.search(before) is not None
    return _writers(match.group(1), bare_ok)


def dateline_outlet(text: str) -> str | None:
    """The outlet a bracket opening `text` credits: 【聯合晚報╱記者王小明／台北報導】,
    【某某報／林小明】, 〔中央社〕 (its first part, when it ends like an outlet's name)."""
    match = _BRACKET.match(text.lstrip())
    if match is None:
        return None
    first = re.split(r"[╱／/\s]", match.group(1).strip(), maxsplit=1)[0]
    for role in load_toml("bylines.toml")["dateline"]["writers"]:
        first = first.partition(role)[0]  # 某某報記者王小明台北報導 → 某某報
    ok = 2 <= len(first) <= MAX_OUTLET_CHARS and re.search(r"[\u3400-\u9fff]", first)
    furniture = load_toml("bylines.toml")["values"]["not_sources"]  # 【手机看新闻】
    return first if ok and first.endswith(outlet_endings()) and first not in furniture else None


def closing_writers(text: str) -> str | None:
    """The writers a credit closing `text` names: （记者 张三）, （张三）, （某某网 李四）,
    (王五 发自上海)."""
    match = _CLOSING.search(text[-(MAX_CREDIT_CHARS + 12) :])
    return _writers(match.group(1), bare_ok=True) if match else None


def closing_credit(text: str) -> int | None:
    """Where a credit naming writers closes `text` (its bracket, with any end mark after it),
    or None: the part the cleaner cuts off the last paragraph."""
    start = max(0, len(text) - (MAX_CREDIT_CHARS + 12))
    match = _CLOSING.search(text, start)
    if match is None or _writers(match.group(1), bare_ok=True) is None:
        return None
    return match.start()


def _writers(credit: str, bare_ok: bool) -> str | None:
    """The writers of a bracket's text; `bare_ok`: names without a role word count too."""
    words = load_toml("bylines.toml")["dateline"]
    roles = sorted([*words["writers"], *words["others"]], key=len, reverse=True)
    parts = re.split("(" + "|".join(map(re.escape, roles)) + ")", credit)
    if len(parts) == 1:
        names = _filed_names(parts[0], outlet_first=True) if bare_ok else []
        return " ".join(names) if names and all(map(bare_name, names)) else None
    found: list[str] = []
    for role, value in zip(parts[1::2], parts[2::2], strict=True):
        if role not in words["writers"]:
            continue
        for name in _filed_names(value):
            if not _NAME.match(name):
                return None  # a sentence, not a credit
            found.append(name)
    return " ".join(found[:MAX_NAMES]) or None


def _filed_names(value: str, outlet_first: bool = False) -> list[str]:
    """The names of a credit's writer field: spaced or joined by 、, up to 报道 (and the place
    written onto it), a slash (李四/台北報導, 王五/编译) or 发自; with `outlet_first`, an
    outlet's name before them is passed over (某某网 李四, 某某報／林小明)."""
    stops = load_toml("bylines.toml")["values"]["stops"]
    head, stop = value, ""
    for word in stops:
        if word in head:
            head, stop, _ = head.partition(word)
    glued = bool(stop) and not head[-1:].isspace()  # 台北報導, not 李四 報導
    parts = re.split(r"[／/╱]", head.strip(" ：:／/╱"))
    if outlet_first and len(parts) > 1 and parts[0].strip().endswith(outlet_endings()):
        parts = parts[1:]  # 某某報／林小明: the outlet, then its writer
    head = parts[0]
    # 文/攝, 文/图 after the names say who wrote and who shot: not names.
    words = load_toml("bylines.toml")["dateline"]["credit_words"]
    names = [n for n in re.split(r"[\s、，,]+", head) if n and n not in words]
    if outlet_first and len(names) > 1 and names[0].endswith(outlet_endings()):
        names = names[1:]
    if glued and len(names) == 1 and len(names[0]) > 3:
        names[0] = names[0][:-2]  # 王小明台北報導: a two-character place is the usual case
    elif glued and len(names) > 1:
        names = names[:-1]  # 張三 李四 台北報導: the last word is the place
    return names if len(names) <= MAX_NAMES else []
