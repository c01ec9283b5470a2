"""fill_metadata() and its helpers: bylines, links, outlets, derived titles, language, script."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from storyline.pipeline.clean.byline import read_bylines
from storyline.pipeline.clean.metadata import (
    derive_title,
    detect_lang,
    detect_script,
    fill_metadata,
)
from storyline.pipeline.clean.outlets import (
    names_a_site,
    outlet_for_url,
    read_source_link,
    registrable_domain,
)
from storyline.pipeline.clean.reasons import Reason
from storyline.records import Article, DocKind, RemovedSpan

CST = timezone(timedelta(hours=8))
EXAMPLES = Path(__file__).parents[3] / "examples"
if not EXAMPLES.is_dir():
    EXAMPLES = Path("/work/main/examples")


def article(text: str, *spans: tuple[str, Reason], **fields: object) -> Article:
    removed = [RemovedSpan(0, len(body), body, reason) for body, reason in spans]
    made = Article(document="d", source="s", kind=DocKind.TEXT, text=text, removed=removed)
    for name, value in fields.items():
        setattr(made, name, value)
    fill_metadata(made, "Asia/Shanghai")
    return made


@pytest.mark.parametrize(
    ("lines", "author", "published", "source"),
    [
        (
            ["本文作者:访客", "访客 2026-01-22 14:32:15 38107"],
            "访客",
            datetime(2026, 1, 22, 14, 32, 15),
            None,
        ),
        (["作者：张三"], "张三", None, None),
        (["来源：新华社"], None, None, "新华社"),
        (
            ["发布时间：2025-03-08 09:30 来源：人民网 作者：李明"],
            "李明",
            datetime(2025, 3, 8, 9, 30),
            "人民网",
        ),
        (
            ["文／記者王小明／台北報導", "2025年3月5日 上午10:20"],
            "王小明",
            datetime(2025, 3, 5, 10, 20),
            None,
        ),
        (["編輯／陳美玲"], "陳美玲", None, None),
        (
            ["来源：澎湃新闻 | 2024年11月30日 08:15 | 责任编辑：赵六"],
            "赵六",
            datetime(2024, 11, 30, 8, 15),
            "澎湃新闻",
        ),
        (
            ["By Jane Doe, Technology reporter", "4 April 2024"],
            "Jane Doe",
            datetime(2024, 4, 4),
            None,
        ),
        (["2025-12-11 00:41:24", "0"], None, datetime(2025, 12, 11, 0, 41, 24), None),
        (["本报记者 周强 发自 北京"], "周强", None, None),
        (["澎湃新闻 2025-02-12 10:56"], None, datetime(2025, 2, 12, 10, 56), "澎湃新闻"),
        (["记者 李娜 报道"], "李娜", None, None),
        (["原创 2025-06-01 12:00 阅读 1234"], None, datetime(2025, 6, 1, 12), None),
        (["來源：《聯合報》 2025/7/2"], None, datetime(2025, 7, 2), "聯合報"),
        (["記者：陳小明 林大同 台北報導"], "陳小明 林大同", None, None),
        (["醒世晚報 (2012-01-17 16:31)"], None, datetime(2012, 1, 17, 16, 31), "醒世晚報"),
        (["周刊记者张三李四"], None, None, None),
        (["作者：半月谈记者张三"], "张三", None, None),
        (["作者：本文来源于《示例网》"], None, None, None),
        (
            ["地铁新线下月开通试运营全长约二十公里 2025-02-12 10:56"],
            None,
            datetime(2025, 2, 12, 10, 56),
            None,
        ),
        (["2012年1月17日 星期二 下午3:10"], None, datetime(2012, 1, 17, 15, 10), None),
        (["◎ 記者林小明/採訪報導"], "林小明", None, None),
        (["2012-01-17 某某網-某某報"], None, datetime(2012, 1, 17), "某某網-某某報"),
        (["2012年01月16日09:13示例晨报"], None, datetime(2012, 1, 16, 9, 13), "示例晨报"),
        (
            ["2011-12-16 01:23:34 来源: 示例网-示例日报(北京) 有0人参与 手机看新闻"],
            None,
            datetime(2011, 12, 16, 1, 23, 34),
            "示例网-示例日报(北京)",
        ),
        (["手机看新闻 2012-01-17 10:22"], None, datetime(2012, 1, 17, 10, 22), None),
        (["来源：资料图"], None, None, None),
        (["来源：Cult of Mac"], None, None, "Cult of Mac"),
        (["醒世晚報／林小明"], "林小明", None, "醒世晚報"),
    ],
)
def test_byline_shapes(
    lines: list[str], author: str | None, published: datetime | None, source: str | None
) -> None:
    got = read_bylines(lines, "Asia/Shanghai")
    assert got.author == author
    assert got.published == (published.replace(tzinfo=CST) if published else None)
    assert got.source == source


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://new.qq.com/rain/a/20250211A08H1J00", "腾讯网"),
        ("https://www.163.com/dy/article/ABC.html", "网易"),
        ("http://news.sina.com.cn/c/2011-12-09/1.shtml", "新浪网"),
        ("https://udn.com/news/story/1/2", "聯合新聞網"),
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("https://cn.nytimes.com/world/1/", "纽约时报中文网"),
        ("https://www.nytimes.com/2025/1/1/a.html", "The New York Times"),
        ("https://example.org/a", None),
        ("not a url", None),
    ],
)
def test_outlet_for_url(url: str, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def _filled(text: str, byline: str = "") -> Article:
    """A text article with `byline` cut from its head as a BYLINE span, metadata filled."""
    removed = [RemovedSpan(0, len(byline), byline, Reason.BYLINE)] if byline else []
    article = Article(document="x", source="s", kind=DocKind.TEXT, text=text, removed=removed)
    fill_metadata(article, "Asia/Shanghai")
    return article


def test_the_credited_source_comes_from_a_byline_or_a_dateline() -> None:
    body = "今天，市政府召开新闻发布会，宣布新建三座大桥。"
    assert _filled(body, "来源：示例日报").credited == "示例日报"
    dated = _filled("【示例晚報╱記者王小明／台北報導】" + body)
    assert (dated.credited, dated.author) == ("示例晚報", "王小明")
    assert _filled(body).credited is None


def test_a_dateline_names_the_writer_when_no_byline_does() -> None:
    text = "新华社北京1月12日电（记者 张三）今天，市政府召开新闻发布会，宣布新建三座大桥。"
    assert _filled(text).author == "张三"
    assert _filled(text, "作者：李四").author == "李四"


def test_an_editor_stands_in_for_the_writer_only_when_asked() -> None:
    assert read_bylines(["责任编辑：赵六"], "Asia/Shanghai").author == "赵六"
    assert read_bylines(["责任编辑：赵六"], "Asia/Shanghai", editors=False).author is None


@pytest.mark.parametrize(
    ("value", "site"),
    [
        ("网易", True),
        ("chinanews", True),
        ("gb.example.cn", True),
        ("示例网_提供股票、基金资讯", True),
        ("示例网,新闻,example.com", True),
        ("示例晚报", True),
        ("BBC News", True),
        ("张三", False),
        ("張三,李四", False),
        ("Jane Doe", False),
        ("J.K. Rowling", False),
        ("dave", False),
    ],
)
def test_names_a_site(value: str, site: bool) -> None:
    assert names_a_site(value) is site


def test_registrable_domain() -> None:
    assert registrable_domain("https://news.example.com.cn/a") == "example.com.cn"
    assert registrable_domain("https://blog.example.com/a") == "example.com"
    assert registrable_domain("nonsense") is None


def test_source_link_forms() -> None:
    link = read_source_link("[qq](https://new.qq.com/rain/a/1)")
    assert link is not None and (link.url, link.name) == ("https://new.qq.com/rain/a/1", "qq")
    generic = read_source_link("[阅读原文](https://example.com/x)")
    assert generic is not None and generic.name is None
    bare = read_source_link("原文链接：https://www.example.com/news/1.html。")
    assert bare is not None and bare.url == "https://www.example.com/news/1.html"


def test_title_from_title_span_and_fields_from_byline() -> None:
    got = article(
        "正文第一句。",
        ("## 城市地铁新线下月开通", Reason.TITLE),
        ("作者：张三 | 2025-02-11 21:05", Reason.BYLINE),
    )
    assert (got.title, got.title_derived) == ("城市地铁新线下月开通", False)
    assert got.author == "张三"
    assert got.published == datetime(2025, 2, 11, 21, 5, tzinfo=CST)


def test_existing_fields_are_kept() -> None:
    kept = datetime(2020, 1, 1, tzinfo=CST)
    got = article(
        "正文。",
        ("作者：张三 2025-02-11", Reason.BYLINE),
        ("[x](https://www.163.com/a)", Reason.SOURCE_LINK),
        title="已有标题",
        author="李四",
        published=kept,
        outlet="自定义",
        url="https://example.com/1",
    )
    assert (got.title, got.author, got.published) == ("已有标题", "李四", kept)
    assert (got.outlet, got.url) == ("自定义", "https://example.com/1")


def test_no_date_is_invented() -> None:
    got = article("2025年是关键的一年，会议将于3月召开。", ("作者：张三", Reason.BYLINE))
    assert got.published is None


def test_outlet_precedence() -> None:
    disclaimer = ("特别声明：以上内容为自媒体平台“网易号”用户上传并发布。", Reason.DISCLAIMER)
    link = ("[网易](https://www.163.com/dy/article/1.html)", Reason.SOURCE_LINK)
    assert article("正文。", link, disclaimer).outlet == "网易号"
    assert article("正文。", link).outlet == "网易"
    unknown = ("[某某日报](https://paper.example.cn/1)", Reason.SOURCE_LINK)
    assert article("正文。", unknown).outlet == "某某日报"
    plain = ("https://paper.example.cn/1", Reason.SOURCE_LINK)
    assert article("正文。", plain, ("来源：某某晚报", Reason.BYLINE)).outlet == "某某晚报"
    assert article("正文。", plain).outlet == "example.cn"


@pytest.mark.parametrize(
    ("platform_text", "outlet"),
    [
        ("本文来自百家号作者，不代表平台观点", "百家号"),
        ("本文為搜狐號作者發布，搜狐號系信息發布平台", "搜狐号"),
        ("此内容由头条号作者发布", "头条号"),
    ],
)
def test_platform_disclaimers(platform_text: str, outlet: str) -> None:
    assert article("正文。", (platform_text, Reason.DISCLAIMER)).outlet == outlet


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("马斯克再次站在了科技界的风暴中心。这次不同。", "马斯克再次站在了科技界的风暴中心"),
        ("\n\n短句！后文", "短句"),
        (
            "据报道，特斯拉首席执行官正率领一群投资者提出以巨额资金收购一家人工智能公司的控制权",
            "据报道，特斯拉首席执行官正率领一群投资者提出以巨额资金收购一",
        ),
        (
            "当地时间周二上午，市政府新闻办公室召开发布会，宣布地铁三号线延长段将于下月底开通",
            "当地时间周二上午，市政府新闻办公室召开发布会",
        ),
        (
            "The council approved the plan on Tuesday. Work starts soon.",
            "The council approved the plan",
        ),
        (
            "近日，马斯克和OpenAI CEO奥尔特曼又在互联网上开始了新一轮互掐",
            "近日，马斯克和OpenAI CEO奥尔特曼又在互联网上开始了",
        ),
    ],
)
def test_derive_title(text: str, title: str) -> None:
    assert derive_title(text) == title
    assert len(derive_title(text)) <= 30


def test_derived_title_is_marked() -> None:
    got = article("马斯克再次站在了科技界的风暴中心。这次不同。")
    assert (got.title, got.title_derived) == ("马斯克再次站在了科技界的风暴中心", True)
    assert article("").title_derived is False


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("地铁新线下月开通，沿线居民出行更方便。", "zh", "Hans"),
        ("捷運新線下月通車，沿線居民通勤更方便。", "zh", "Hant"),
        ("后", "zh", "Hans"),
        ("後", "zh", "Hant"),
        ("中国人民", "zh", "Hans"),
        (
            "隨著庭審日期逼近，案件細節或將披露，這起訴訟并非突發的商業衝突",
            "zh",
            "Hant",
        ),  # one slip
        ("The council approved the plan on Tuesday.", "en", None),
        ("東京の天気は晴れです。", "ja", None),
        ("서울의 날씨는 맑습니다", "ko", None),
        ("12345 !!!", None, None),
    ],
)
def test_language_and_script(text: str, lang: str | None, script: str | None) -> None:
    assert detect_lang(text) == lang
    got = article(text)
    assert (got.lang, got.script) == (lang, script)
    if lang == "zh":
        assert detect_script(text) == script


def _sample(prefix: str) -> list[str]:
    paths = sorted(EXAMPLES.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"sample documents absent: {EXAMPLES}")
    return paths[0].read_text(encoding="utf-8").splitlines()


def test_sample_002_byline_gives_author_and_time() -> None:
    lines = _sample("002")
    spans = [(lines[0], Reason.BYLINE), (lines[2], Reason.TITLE), (lines[4], Reason.BYLINE)]
    got = article("\n".join(lines[5:]), *spans)
    assert got.published == datetime(2026, 1, 22, 14, 32, 15, tzinfo=CST)
    assert got.author == "访客"
    assert got.title == lines[2].strip()
    assert (got.lang, got.script) == ("zh", "Hans")


def test_sample_003_has_no_date_and_a_platform() -> None:
    lines = _sample("003")
    spans = [(lines[-2], Reason.DISCLAIMER), (lines[-1], Reason.DISCLAIMER)]
    got = article("\n".join(lines[1:-2]), *spans)
    assert got.published is None
    assert got.outlet == "网易号"
    assert (got.script, got.title_derived) == ("Hant", True)
    assert got.title and len(got.title) <= 30


def test_sample_004_date_line() -> None:
    lines = _sample("004")
    spans = [(lines[0], Reason.TITLE), ("\n".join(lines[1:4]), Reason.BYLINE)]
    got = article("\n".join(lines[4:]), *spans)
    assert got.published == datetime(2025, 12, 11, 0, 41, 24, tzinfo=CST)
    assert got.title == lines[0]


def test_sample_000_source_link() -> None:
    lines = _sample("000")
    link = next(line for line in reversed(lines) if line.startswith("["))
    got = article("马斯克再次站在了科技界的风暴中心。", (link, Reason.SOURCE_LINK))
    assert got.outlet == "腾讯网"
    assert got.url is not None and got.url.startswith("https://new.qq.com/")


def test_detect_lang_counts_every_han_character_across_runs() -> None:
    # Han characters are counted run by run; each one weighs LATIN_LETTERS_PER_HAN (3) letters.
    assert detect_lang("中，文 abcdefg") == "en"  # 2 Han (6) < 7 letters
    assert detect_lang("中，文，字 abcdefg") == "zh"  # 3 Han (9) >= 7 letters
    assert detect_lang("𠀀中 abcdef") == "zh"  # a supplementary-plane ideograph counts as one


def test_detect_script_without_traditional_only_characters() -> None:
    # With no Traditional-only character, any Simplified-only one (or none at all) means Hans.
    assert detect_script("这是新闻") == "Hans"
    assert detect_script("中国人民") == "Hans"  # shared characters only: the default
    assert detect_script("這是新聞") == "Hant"
    assert detect_script("这後") == "Hans"  # one each: a tie goes to the default


def test_a_credit_closing_the_text_is_cut_off_and_names_the_writer() -> None:
    from storyline.pipeline.clean.noise import clean_text

    body = "今天，市政府召开新闻发布会，宣布新建三座跨江大桥，总投资约120亿元，预计两年内建成通车。"
    for credit, writer in (("（记者 张三 通讯员 李四）", "张三"), ("(記者王小明 文/攝)", "王小明")):
        cleaned = clean_text(body + credit, None)
        article = Article(
            document="x", source="s", kind=DocKind.TEXT, text=cleaned.text,
            removed=list(cleaned.removed),
        )  # fmt: skip
        fill_metadata(article, "Asia/Shanghai")
        assert (article.text, article.author) == (body, writer)


@pytest.mark.parametrize(
    ("lines", "author", "source"),
    [
        (["2012-01-12", "示例時報", "林小明／台北報導"], "林小明", "示例時報"),
        (["國際中心／綜合報導"], None, None),  # a desk, not a writer
        (["歷史新聞", "各網頻道", "新聞速報"], None, None),  # a page's sections
    ],
)
def test_byline_lines_of_their_own(
    lines: list[str], author: str | None, source: str | None
) -> None:
    byline = read_bylines(lines, "Asia/Taipei", editors=False)
    assert (byline.author, byline.source) == (author, source)
