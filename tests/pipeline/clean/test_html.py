"""Main text, headline and metadata from HTML pages; text of HTML fragments."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import ParseError
from storyline.pipeline.clean.html import _parse, extract_page, fragment_text
from storyline.pipeline.clean.html_blocks import block_texts, layout_of, strip_invisible

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "extraction-dev"

PARAGRAPHS = (
    "本报讯 昨日，市交通委员会发布消息称，地铁新线将于下月底开通试运营，全长约二十公里。",
    "据介绍，新线共设十二座车站，其中换乘站四座，高峰时段发车间隔约为三分钟。",
    "市民王先生表示，新线开通后，他每天上班的通勤时间将缩短近半小时，非常方便。",
)

NAV = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(12))


def _page(body: str, head: str = "<title>地铁新线下月开通_新闻中心_示例网</title>") -> str:
    return f"<html><head>{head}</head><body><ul class='nav'>{NAV}</ul>{body}</body></html>"


def _article(extra_after: str = "", extra_before: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<h1>地铁新线下月开通</h1><div class='article'>{extra_before}{paragraphs}"
        f"{extra_after}</div><div class='footer'>版权所有 示例网 京ICP证000000号</div>"
    )


def test_simplified_page_gives_headline_and_paragraph_lines() -> None:
    page = extract_page(_page(_article()))
    assert page.title == "地铁新线下月开通"
    assert page.text.split("\n") == list(PARAGRAPHS)


def test_share_bar_editor_and_related_list_are_dropped() -> None:
    related = "".join(f'<li><a href="/n{i}">另一条新闻标题第{i}条</a></li>' for i in range(5))
    after = (
        "<p>（责任编辑：张三）</p><div class='share'>分享到：微博 微信 QQ空间</div>"
        f"<p>相关新闻：</p><ul>{related}</ul><p>我要评论</p>"
    )
    page = extract_page(_page(_article(extra_after=after)))
    assert page.text.split("\n") == list(PARAGRAPHS)


def test_related_list_inside_the_article_does_not_end_it() -> None:
    related = "".join(f'<p><a href="/n{i}">另一条新闻标题第{i}条</a></p>' for i in range(3))
    inner = f"<p>{PARAGRAPHS[0]}</p><p>相关新闻：</p>{related}" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS[1:]
    )
    page = extract_page(_page(f"<h1>地铁新线下月开通</h1><div>{inner}</div>"))
    assert page.text.split("\n") == list(PARAGRAPHS)


def test_traditional_page_with_meta_tags() -> None:
    head = (
        "<title>捷運新線下月通車 | 地方 | 聯合新聞網</title>"
        '<meta property="og:site_name" content="聯合新聞網">'
        '<meta name="description" content="捷運新線下月底通車。">'
        '<meta name="keywords" content="捷運,交通、通勤">'
        '<meta property="article:published_time" content="2012-01-17T10:00:00+08:00">'
        '<meta property="og:image" content="/img/a.jpg">'
        '<link rel="canonical" href="/news/1.html">'
    )
    body = "".join(
        f"<p>{p}</p>"
        for p in (
            "本報訊 昨日，市交通局發布消息稱，捷運新線將於下月底通車，全長約二十公里。",
            "據介紹，新線共設十二座車站，其中轉乘站四座，尖峰時段發車間隔約為三分鐘。",
        )
    )
    html = f"<html lang='zh-TW'><head>{head}</head><body><div>{body}</div></body></html>"
    page = extract_page(html, url="https://news.example.tw/a/b.html")
    assert page.title == "捷運新線下月通車"
    assert page.outlet == "聯合新聞網"
    assert page.summary == "捷運新線下月底通車。"
    assert page.tags == ("捷運", "交通", "通勤")
    assert page.published == "2012-01-17T10:00:00+08:00"
    assert page.thumbnail == "https://news.example.tw/img/a.jpg"
    assert page.url == "https://news.example.tw/news/1.html"
    assert page.lang == "zh-TW"
    assert page.text.startswith("本報訊 昨日")


def test_json_ld_metadata() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "地铁新线下月开通",
        "datePublished": "2012-01-17 10:00",
        "author": [{"@type": "Person", "name": "李四"}],
        "publisher": {"@type": "Organization", "name": "示例日报"},
        "image": {"@type": "ImageObject", "url": "https://img.example.cn/1.jpg"},
        "keywords": "地铁 交通",
    }
    script = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    head = f"<title>地铁新线下月开通</title>{script}"
    page = extract_page(_page(_article(), head=head))
    assert (page.published, page.author, page.outlet) == ("2012-01-17 10:00", "李四", "示例日报")
    assert page.thumbnail == "https://img.example.cn/1.jpg"
    assert page.tags == ("地铁", "交通")


def test_visible_byline_date_when_no_metadata_date() -> None:
    byline = "<div class='info'>2012年01月11日 15:29 来源：示例晚报</div>"
    page = extract_page(_page(_article().replace("</h1>", "</h1>" + byline)))
    assert page.published == "2012年01月11日 15:29"
    assert "来源" not in page.text


def test_a_visible_byline_may_print_the_clock_before_the_date() -> None:
    byline = "<div class='info'>来源：示例晚报 18:07 2012-01-16</div>"
    page = extract_page(_page(_article().replace("</h1>", "</h1>" + byline)))
    assert page.published == "18:07 2012-01-16"


def test_a_visible_time_refines_a_declared_day_but_not_another_day() -> None:
    byline = "<div class='info'>2012-01-11 08:30 pm 来源：示例晚报</div>"
    article = _article().replace("</h1>", "</h1>" + byline)
    day = "<title>地铁新线下月开通</title><meta name='publishdate' content='2012-01-11'>"
    assert extract_page(_page(article, head=day)).published == "2012-01-11 08:30 pm"
    other = day.replace("2012-01-11", "2012-01-10")
    assert extract_page(_page(article, head=other)).published == "2012-01-10"
    timed = day.replace("2012-01-11", "2012-01-11T20:00:00+08:00")
    assert extract_page(_page(article, head=timed)).published == "2012-01-11T20:00:00+08:00"


def test_the_visible_byline_names_the_writer_and_a_site_in_the_author_tag_is_no_writer() -> None:
    head = "<title>地铁新线下月开通</title><meta name='author' content='示例网'>"
    byline = "<div class='info'>2012-01-11 15:29 记者：张三 李四 北京报道 责任编辑：王五</div>"
    with_byline = _article().replace("</h1>", "</h1>" + byline)
    assert extract_page(_page(with_byline, head=head)).author == "张三 李四"
    sourced = _article().replace("</h1>", "</h1><div>2012-01-11 15:29 来源：示例晚报</div>")
    assert extract_page(_page(sourced)).credited == "示例晚报"
    assert extract_page(_page(_article(), head=head)).author is None
    edited = _article().replace("</h1>", "</h1><div>责任编辑：王五</div>")
    assert extract_page(_page(edited)).author is None  # an editor is not the writer
    person = head.replace("示例网", "赵六")
    assert extract_page(_page(_article(), head=person)).author == "赵六"


@pytest.mark.parametrize(
    ("tag", "credit"),
    [
        ("1392", ""),  # an id
        ("地铁新线下月开通", ""),  # the headline
        ("赵六", "<div class='info'>来源：示例晚报 编辑：赵六</div>"),  # the page's editor
        ("示例网（原示例新闻网）", ""),  # the site under its former name
    ],
)
def test_an_author_tag_that_names_no_writer_is_ignored(tag: str, credit: str) -> None:
    head = f"<title>地铁新线下月开通</title><meta name='author' content='{tag}'>"
    page = extract_page(_page(_article().replace("</h1>", "</h1>" + credit), head=head))
    assert page.author is None


def test_a_photo_credit_under_the_headline_is_not_the_writer() -> None:
    lines = "<div>記者陳小明／攝影</div><div>【示例晚報╱記者林大同／台北報導】</div>"
    page = extract_page(_page(_article().replace("</h1>", "</h1>" + lines)))
    assert page.author == "林大同"


def test_title_without_heading_loses_site_suffixes() -> None:
    for title, expected in (
        ("地铁新线下月开通-中新网", "地铁新线下月开通"),
        ("地铁新线下月开通 - 新浪網 - 新聞", "地铁新线下月开通"),
        ("自由電子報 - 地铁新线下月开通", "地铁新线下月开通"),
        ("地铁新线下月开通 (第1頁/共2頁)| 頭條新聞 | NOWnews 今日新聞網", "地铁新线下月开通"),
        ("韩国女主播是非不断 裸体新闻遭禁播视频画面曝光_中国_环球网", None),
        ("新冠疫苗第3-4针接种启动", "新冠疫苗第3-4针接种启动"),
        ("新冠疫苗第3-4针接种启动-疫苗-示例网", "新冠疫苗第3-4针接种启动"),
    ):
        head = f"<title>{title}</title>"
        body = "<div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
        page = extract_page(_page(body, head=head))
        assert page.title == (expected or title.split("_")[0])


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "\x00\x00",
        f"<html><body><ul>{NAV}</ul></body></html>",
        "<html><head><title>只有标题</title></head><body></body></html>",
    ],
)
def test_page_without_main_text_raises(html: str) -> None:
    with pytest.raises(ParseError) as caught:
        extract_page(html)
    assert caught.value.reason == "no-main-text"


def test_hostile_markup_does_not_break_extraction() -> None:
    huge = "x" * 2_000_000
    body = (
        f"<div title='{huge}'><p>{PARAGRAPHS[0]}<p>{PARAGRAPHS[1]}\x00"
        "<script>document.write('<p>脚本里的文字不是正文，不应出现在结果里。</p>')</script>"
        "<!-- 注释里的文字，也不应出现。 --><style>p{color:red}</style>"
        f"<p>{PARAGRAPHS[2]}<b><i></b></i></div></span></table>"
    )
    page = extract_page("<?xml version='1.0' encoding='gbk'?>" + _page(body))
    assert page.text.split("\n") == list(PARAGRAPHS)


def test_hostile_json_ld_is_ignored() -> None:
    for script in ("[" * 100_000 + "]" * 100_000, "{not json", '{"@type": "NewsArticle"'):
        head = (
            f"<title>地铁新线下月开通</title><script type='application/ld+json'>{script}</script>"
        )
        page = extract_page(_page(_article(), head=head))
        assert page.author is None
        assert page.text.split("\n") == list(PARAGRAPHS)


_MARKUP_PIECES = (
    "<p>",
    "</p>",
    "<div class='content'>",
    "</div>",
    "<a href='/x'>",
    "</a>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<title>",
    "</title>",
    "<h1>",
    "<body>",
    "</html>",
    "<table><tr><td>",
    "<style>",
    "<![CDATA[",
    "<?xml version='1.0' encoding='big5'?>",
    "<link rel=canonical href='//[x'>",
    "<meta property='og:image' content='http://[::1'>",
    "正文内容，这是一段。",
    "_新浪网",
    "\x00",
    "\ud800",
    "&#0;",
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP_PIECES), max_size=60), st.sampled_from([None, "::bad"]))
def test_arbitrary_markup_gives_a_page_or_parse_error(pieces: list[str], url: str | None) -> None:
    html = "".join(pieces)
    try:
        page = extract_page(html, url=url)
    except ParseError as exc:
        assert exc.reason == "no-main-text"
    else:
        assert page.text and "\n\n" not in page.text
    text = fragment_text(html)
    assert "\n\n" not in text and not text.startswith("\n")


def test_deeply_nested_markup_does_not_crash() -> None:
    html = "<div>" * 5000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 5000
    try:
        page = extract_page(html)
    except ParseError:
        return  # refusing the page is acceptable; crashing is not
    assert PARAGRAPHS[0] in page.text


def test_fragment_text_one_paragraph_per_line() -> None:
    html = (
        "<p><strong>央视网消息</strong>（新闻联播）：今天，会议在北京召开。</p>\n\n"
        "<p>  会议指出，&nbsp;要加强合作。<br>要推动发展。</p><p> </p><p>第三段。</p>"
        "<script>var x = 1;</script>"
    )
    assert fragment_text(html).split("\n") == [
        "央视网消息（新闻联播）：今天，会议在北京召开。",
        "会议指出， 要加强合作。",
        "要推动发展。",
        "第三段。",
    ]


def test_fragment_text_of_plain_and_empty_input() -> None:
    assert fragment_text("") == ""
    assert fragment_text("只有文字，没有标签。") == "只有文字，没有标签。"
    assert fragment_text("a\x00b <b>c") == "ab c"


def test_fragment_text_drops_comments_scripts_and_ignores_a_stale_charset() -> None:
    # Fragments are parsed into plain lxml elements (not lxml.html's); the result must not care.
    html = (
        '<meta charset="gbk"><p>第一段<!-- 注释 --></p><?php echo 1 ?>'
        "<style>p {}</style><div>第二段<script>x()</script>尾</div>"
    )
    assert fragment_text(html).split("\n") == ["第一段", "第二段尾"]


def _bigram_f1(found: str, gold: str) -> float:
    def grams(text: str) -> Counter[str]:
        flat = "".join(text.split())
        return Counter(flat[i : i + 2] for i in range(len(flat) - 1))

    ours, theirs = grams(found), grams(gold)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.slow
def test_extraction_dev_quality() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} is absent")
    f1s, titles = [], []
    for meta_path in sorted(CORPUS.glob("*.json")):
        gold = json.loads(meta_path.read_text("utf-8"))
        html = meta_path.with_suffix(".html").read_text("utf-8", errors="replace")
        try:
            page = extract_page(html)
            text, title = page.text, page.title
        except ParseError:
            text, title = "", None
        f1s.append(_bigram_f1(text, gold["body"]))
        if gold.get("title"):
            titles.append(" ".join((title or "").split()) == " ".join(gold["title"].split()))
    assert sum(f1s) / len(f1s) >= 0.95
    assert sum(titles) / len(titles) >= 0.90


def test_headline_from_h1_when_the_page_has_no_title() -> None:
    page = extract_page(_page(_article(), head=""))
    assert page.title == "地铁新线下月开通"


def test_site_name_that_repeats_the_headline_is_not_an_outlet() -> None:
    head = (
        "<title>地铁新线下月开通_示例网</title>"
        '<meta property="og:site_name" content="地铁新线下月开通">'
    )
    assert extract_page(_page(_article(), head=head)).outlet is None


def test_space_separated_keywords_split_but_comma_lists_keep_spaces() -> None:
    for keywords, expected in (
        ("地铁 交通 通勤", ("地铁", "交通", "通勤")),
        ("New York, city transit", ("New York", "city transit")),
    ):
        head = f'<title>地铁新线下月开通</title><meta name="keywords" content="{keywords}">'
        assert extract_page(_page(_article(), head=head)).tags == expected


_MARKUP = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<div>", "</div>", "<br>", "<a href='/x'>", "</a>", "<span>", "</span>",
         "<li>", "</li>", "<!-- note -->", "<script>var a;</script>", " ", "\n", "正文", "text"]
    ),
    max_size=40,
)  # fmt: skip


@given(_MARKUP)
@settings(max_examples=200, deadline=None)
def test_block_texts_are_the_texts_of_the_layout_blocks(pieces: list[str]) -> None:
    try:
        root = _parse("前" + "".join(pieces) + "后")
    except ParseError:
        return
    strip_invisible(root)
    assert block_texts(root) == [block.text for block in layout_of(root).blocks]
