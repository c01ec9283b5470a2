"""Behaviour of the noise cleaner: each noise class, the sample documents, news kept, spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.clean.noise import Cleaned, clean_text
from storyline.pipeline.clean.noise_rules import noise_rules
from storyline.pipeline.clean.reasons import Reason

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _body(name: str) -> str:
    """The body a reader hands over: Hugo front matter cut off, the rest as is."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        return text[text.index("\n---\n", 4) + 5 :]
    return text


def _reasons(cleaned: Cleaned) -> list[str]:
    return [span.reason for span in cleaned.removed]


def _removed(cleaned: Cleaned, reason: Reason) -> list[str]:
    return [span.text for span in cleaned.removed if span.reason == reason]


def _kept_lines(cleaned: Cleaned) -> list[str]:
    return cleaned.text.split("\n") if cleaned.text else []


def _rebuild(text: str, cleaned: Cleaned) -> str:
    """Delete the removed spans from the input and lay the rest out one paragraph per line."""
    out, pos = [], 0
    for span in cleaned.removed:
        out.append(text[pos : span.start])
        pos = span.end
    out.append(text[pos:])
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _assert_spans_valid(text: str, cleaned: Cleaned) -> None:
    reasons = {r.value for r in Reason}
    last_end = 0
    for span in cleaned.removed:
        assert last_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.reason in reasons
        last_end = span.end
    assert _rebuild(text, cleaned) == cleaned.text
    solid = re.compile(r"\s")
    removed_chars = sum(len(solid.sub("", s.text)) for s in cleaned.removed)
    assert removed_chars + len(solid.sub("", cleaned.text)) == len(solid.sub("", text))


NEWS = (
    "市政府昨日召开新闻发布会，宣布今年将新建三座跨江大桥，总投资约120亿元，"
    "预计2027年底前全部建成通车。"
)
NEWS_2 = "据介绍，三座大桥均采用双向六车道设计，建成后两岸通行时间将缩短一半以上。"


def _between_news(line: str) -> Cleaned:
    """`line` cleaned between two news paragraphs, under a headline it does not repeat."""
    return clean_text(f"{NEWS}\n{line}\n{NEWS_2}", "新建三座大桥")


# ---------------------------------------------------------------- Markdown artefacts


def test_images_are_removed_with_their_url_and_empty_ones_apart() -> None:
    text = f"![示意图](https://example.org/a.png)\n{NEWS}\n![]()\n{NEWS_2}"
    cleaned = clean_text(text, "新建三座大桥")
    assert _removed(cleaned, Reason.IMAGE) == ["![示意图](https://example.org/a.png)"]
    assert _removed(cleaned, Reason.EMPTY_IMAGE) == ["![]()"]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_bold_and_heading_marks_are_stripped_and_their_text_kept() -> None:
    text = f"# 第一部分\n{NEWS}\n**桥梁设计**\n{NEWS_2}"
    cleaned = clean_text(text, "新建三座大桥")
    assert _kept_lines(cleaned) == ["第一部分", NEWS, "桥梁设计", NEWS_2]
    assert _removed(cleaned, Reason.MARKUP) == ["# ", "**", "**"]


def test_line_number_runs_are_removed() -> None:
    text = "1. 2. 3. 4. 5. 6.\n" + NEWS
    cleaned = clean_text(text, "新建三座大桥")
    assert _reasons(cleaned) == [Reason.LINE_NUMBERS]
    assert _kept_lines(cleaned) == [NEWS]


def test_image_credits_are_removed_next_to_an_image_or_alone() -> None:
    text = f"![图片](https://example.org/b.jpg)图片来源：东方IC\n{NEWS}\n（张三 摄）\n{NEWS_2}"
    cleaned = clean_text(text, "新建三座大桥")
    assert _removed(cleaned, Reason.IMAGE_CREDIT) == ["图片来源：东方IC", "（张三 摄）"]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_a_trailing_markdown_link_is_the_source_link() -> None:
    text = f"{NEWS}\n\n[example](https://news.example.com/a/123)"
    cleaned = clean_text(text, "新建三座大桥")
    assert _removed(cleaned, Reason.SOURCE_LINK) == ["[example](https://news.example.com/a/123)"]


# ---------------------------------------------------------------- head: title and byline


def test_a_headline_over_a_byline_block_is_the_title_when_none_was_given() -> None:
    text = f"江城新建三座跨江大桥\n作者：李四\n2024-03-01 10:00:00\n1234\n\n{NEWS}\n{NEWS_2}"
    cleaned = clean_text(text, None)
    assert _removed(cleaned, Reason.TITLE) == ["江城新建三座跨江大桥"]
    assert _removed(cleaned, Reason.BYLINE) == ["作者：李四", "2024-03-01 10:00:00", "1234"]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_the_same_headline_is_a_repeat_when_the_title_was_given() -> None:
    text = f"江城新建三座跨江大桥\n作者：李四\n{NEWS}\n江城新建三座跨江大桥\n{NEWS_2}"
    cleaned = clean_text(text, "江城新建三座跨江大桥")
    assert _removed(cleaned, Reason.TITLE_REPEAT) == ["江城新建三座跨江大桥"] * 2
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_a_reworded_headline_is_a_repeat_but_a_heading_using_a_few_of_its_words_is_not() -> None:
    title = "江城今年新建三座跨江大桥 总投资超过百亿元"
    reworded = f"江城新建三座跨江大桥 投资超百亿元\n{NEWS}\n{NEWS_2}"
    assert _removed(clean_text(reworded, title), Reason.TITLE_REPEAT) == [
        "江城新建三座跨江大桥 投资超百亿元"
    ]
    # Half the bigrams of the short line and the headline agree (Dice 0.5), but the line
    # holds a third of the headline: a section heading.
    heading = f"乡村振兴\n{NEWS}\n{NEWS_2}"
    assert _kept_lines(clean_text(heading, "全力推进乡村振兴工作")) == ["乡村振兴", NEWS, NEWS_2]


def test_a_short_first_line_without_a_byline_stays() -> None:
    text = f"江城新建三座跨江大桥\n{NEWS}"
    assert _kept_lines(clean_text(text, None)) == ["江城新建三座跨江大桥", NEWS]


# ---------------------------------------------------------------- tail: footers and lists


def test_footers_are_removed() -> None:
    text = (
        f"{NEWS}\n{NEWS_2}\n责任编辑：王五\nCopyright © 2024 Example Daily\n"
        "京ICP备12345678号\n阅读\n分享"
    )
    cleaned = clean_text(text, "新建三座大桥")
    assert _reasons(cleaned) == [Reason.FOOTER] * 5
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_share_words_inside_the_text_are_not_footers() -> None:
    text = f"阅读\n{NEWS}\n{NEWS_2}"
    assert "阅读" in _kept_lines(clean_text(text, "新建三座大桥"))


def test_platform_disclaimers_are_removed() -> None:
    text = (
        f"{NEWS}\n免责声明：本文仅代表作者本人观点，与本站立场无关。\n"
        "Notice: The content above is uploaded by a user; the platform only provides "
        "information storage services."
    )
    cleaned = clean_text(text, "新建三座大桥")
    assert _reasons(cleaned) == [Reason.DISCLAIMER] * 2


NEWS_HANT = (
    "市政府昨日召開新聞發布會，宣布今年將新建三座跨江大橋，總投資約120億元，"
    "預計2027年底前全部建成通車。"
)
NEWS_2_HANT = "據介紹，三座大橋均採用雙向六車道設計，建成後兩岸通行時間將縮短一半以上。"


def test_a_portal_copyright_block_is_removed_heading_and_numbered_clauses() -> None:
    text = (
        f"{NEWS}\n{NEWS_2}\n江城网版权与免责声明：\n"
        "① 凡本网注明“来源：江城网”的所有作品，版权均属江城日报社，未经本网授权不得转载。\n"
        "② 本网未注明“来源：江城网”的稿件均为转载稿，转载目的在于传递更多信息，"
        "并不意味着赞同其观点或证实其内容的真实性。"
    )
    cleaned = clean_text(text, "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]
    assert _reasons(cleaned)[0] == Reason.DISCLAIMER
    _assert_spans_valid(text, cleaned)


def test_a_bracketed_source_line_after_the_text_is_removed_but_not_inside_it() -> None:
    source = "（来源：江城日报 编辑：王五）"
    tail = f"{NEWS}\n{NEWS_2}\n{source}"
    assert _removed(clean_text(tail, "新建三座大桥"), Reason.FOOTER) == [source]
    inside = f"{NEWS}\n（来源：江城日报）\n{NEWS_2}"
    assert "（来源：江城日报）" in _kept_lines(clean_text(inside, "新建三座大桥"))


def test_a_portal_return_link_glued_to_the_last_paragraph_is_cut_off() -> None:
    text = f"{NEWS}\n{NEWS_2}返回搜狐，查看更多 责任编辑："
    cleaned = clean_text(text, "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]
    assert _removed(cleaned, Reason.FOOTER) == ["返回搜狐，查看更多 责任编辑："]
    _assert_spans_valid(text, cleaned)


def test_a_heading_that_reports_a_statement_is_not_a_disclaimer() -> None:
    assert "公司发布免责声明" in _kept_lines(_between_news("公司发布免责声明"))


def test_traditional_text_meets_the_rules_and_keeps_its_script() -> None:
    # The rules are written in Simplified script; these lines are their Traditional twins.
    text = (
        f"{NEWS_HANT}\n{NEWS_2_HANT}\n江城網版權與免責聲明：\n"
        "③ 如本網轉載稿涉及版權等問題，請作者在兩周內來電或來函與本網聯繫。\n"
        "（責編：王五、趙六）\n相關新聞\n江城地鐵五號線開通運營\n江城機場新航站樓啟用"
    )
    cleaned = clean_text(text, "新建三座大橋")
    assert _kept_lines(cleaned) == [NEWS_HANT, NEWS_2_HANT]
    assert "江城網版權與免責聲明：" in _removed(cleaned, Reason.DISCLAIMER)
    assert "（責編：王五、趙六）" in _removed(cleaned, Reason.FOOTER)
    _assert_spans_valid(text, cleaned)


def test_a_traditional_headline_repeating_the_title_is_found() -> None:
    text = f"新建三座跨江大橋\n{NEWS_HANT}\n{NEWS_2_HANT}"
    cleaned = clean_text(text, "新建三座跨江大橋")
    assert _removed(cleaned, Reason.TITLE_REPEAT) == ["新建三座跨江大橋"]
    assert _kept_lines(cleaned) == [NEWS_HANT, NEWS_2_HANT]
    # A headline given in one script is found repeated in the other (most characters differ).
    repeated = f"江城國際機場新航站樓啟用\n{NEWS}\n{NEWS_2}"
    cleaned = clean_text(
        repeated.replace("國際機場新航站樓啟用", "国际机场新航站楼启用"), "江城國際機場新航站樓啟用"
    )
    assert _removed(cleaned, Reason.TITLE_REPEAT) == ["江城国际机场新航站楼启用"]


def test_a_related_heading_takes_its_list_with_it() -> None:
    items = ["江城地铁五号线开通运营", "老城区改造完成过半...", "江城机场新航站楼启用"]
    text = "\n".join([NEWS, NEWS_2, "相关阅读", *items])
    cleaned = clean_text(text, "新建三座大桥")
    assert _removed(cleaned, Reason.RELATED) == ["相关阅读", *items]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_a_trailing_run_of_cut_teasers_is_a_related_list() -> None:
    teasers = [
        "江城地铁五号线开通运营... 记者从市轨道交通集团获悉，五号线将于本月底...",
        "老城区改造完成过半... 今年以来，老城区改造项目进展顺利，已有...",
        "江城机场新航站楼启用... 新航站楼面积达二十万平方米，可满足...",
    ]
    cleaned = clean_text("\n".join([NEWS, NEWS_2, *teasers]), "新建三座大桥")
    assert _removed(cleaned, Reason.RELATED) == teasers


def test_a_text_written_in_short_lines_is_not_a_list() -> None:
    lines = ["昨日傍晚", "城东一仓库发生火灾", "消防部门迅速到场", "明火已被扑灭", "无人员伤亡"]
    cleaned = clean_text("\n".join(lines), "城东仓库火灾")
    assert _kept_lines(cleaned) == lines


# ---------------------------------------------------------------- spam


def test_gambling_cheat_adverts_are_removed() -> None:
    advert = "您好，某某棋牌这款游戏可以开挂，确实是有挂的，需要的加客服微信【1234567】购买辅助器。"
    cleaned = _between_news(advert)
    assert _removed(cleaned, Reason.SPAM_GAMBLING) == [advert]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_news_about_gambling_cheats_stays() -> None:
    news = (
        "警方近日破获一起利用外挂软件在棋牌平台作弊的网络赌博案，"
        "抓获犯罪嫌疑人5名，涉案金额200余万元。"
    )
    assert _kept_lines(clean_text(news, "警方破获赌博案")) == [news]


def test_a_solicitation_appended_to_news_is_cut_alone() -> None:
    ask = "想领取内部资料的朋友请加微信：abc12345，免费领取。"
    cleaned = clean_text(f"{NEWS}{ask}\n{NEWS_2}", "新建三座大桥")
    assert _removed(cleaned, Reason.SPAM_CONTACT) == [ask]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


@pytest.mark.parametrize(
    "news",
    [
        "市民如发现相关线索，可拨打举报电话12345678，警方将对举报人信息严格保密。",
        "该局已通过微信公众号发布通报，提醒市民注意防范冒充客服的电信诈骗。",
        "咨询电话：0755-12345678，工作时间为每周一至周五上午9时至下午5时，节假日除外。",
        "The hotline, 800-555-0199, will be open from Monday, the agency said in a statement.",
        "图为：选手在场上的精彩表现。",  # a photo report's own captions are its story
        "警方提醒广大网民理性发言，不信谣、不传谣。",  # near the comment-box rule
    ],
)
def test_news_near_boilerplate_words_stays(news: str) -> None:
    cleaned = _between_news(news)
    assert cleaned.removed == ()
    assert news in _kept_lines(cleaned)


def test_a_paragraph_that_calls_itself_a_summary_is_seo_filler() -> None:
    summary = "江城将新建三座大桥，总投资巨大，意义深远，这段摘要简洁明了地概括了新闻的主要内容。"
    cleaned = clean_text(f"{summary}\n{NEWS}", "新建三座大桥")
    assert _removed(cleaned, Reason.SEO_FILLER) == [summary]


def test_filler_sentences_are_cut_from_kept_paragraphs() -> None:
    cleaned = clean_text(f"{NEWS}希望本文对您有所帮助。", "新建三座大桥")
    assert _removed(cleaned, Reason.SEO_FILLER) == ["希望本文对您有所帮助。"]
    assert _kept_lines(cleaned) == [NEWS]


# ---------------------------------------------------------------- English and edge cases


def test_english_header_and_footer() -> None:
    body = [
        "The city council approved a budget of $4.2bn on Monday, raising spending on "
        "transport by 4% after a year of delays.",
        "Council leader Jane Doe said the first contracts would be signed in March.",
    ]
    text = "\n".join(
        [
            "City approves $4.2bn budget",
            "By John Smith",
            "Published 3 hours ago",
            *body,
            "Share this article",
            "Copyright © 2024 Example News. All rights reserved.",
        ]
    )
    cleaned = clean_text(text, None)
    assert _reasons(cleaned) == [Reason.TITLE, Reason.BYLINE, Reason.BYLINE] + [Reason.FOOTER] * 2
    assert _kept_lines(cleaned) == body


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_empty_input(text: str) -> None:
    assert clean_text(text, None) == Cleaned("", ())


# ---------------------------------------------------------------- the five samples


def _check_sample(name: str, title: str | None) -> tuple[str, Cleaned]:
    text = _body(name)
    cleaned = clean_text(text, title)
    _assert_spans_valid(text, cleaned)
    return text, cleaned


def test_sample_hugo_post_with_image_credit_and_source_link() -> None:
    _, cleaned = _check_sample("000_c269fade3a5a330e.txt", "马斯克欲以千亿美元收购OpenAI")
    for noise in ("![", "图片来源", "](http"):
        assert noise not in cleaned.text
    assert _removed(cleaned, Reason.SOURCE_LINK)
    assert _kept_lines(cleaned)[0].startswith("马斯克再次站在了科技界的风暴中心")
    assert "马斯克真正的意图" in _kept_lines(cleaned)


def test_sample_hugo_post_with_bold_lines() -> None:
    _, cleaned = _check_sample("001_d5cc3b91e6a1d0ed.txt", "马斯克VS奥尔特曼，为何“相爱相杀”")
    for noise in ("**", "![", "](http"):
        assert noise not in cleaned.text
    assert "视觉中国图" not in _kept_lines(cleaned)
    assert "马斯克与奥尔特曼隔空火力互喷" in _kept_lines(cleaned)
    assert "两人的纠纷并未因此平息。" in _kept_lines(cleaned)


def test_sample_scrape_with_view_counter_and_seo_summary() -> None:
    text, cleaned = _check_sample("002_875dc8778661e17d.txt", None)
    title = _removed(cleaned, Reason.TITLE)
    assert len(title) == 1 and title[0] in text.split("\n")[:4]
    assert title[0] not in _kept_lines(cleaned)
    assert len(_removed(cleaned, Reason.BYLINE)) == 2
    assert "这段摘要" not in cleaned.text
    assert "本文作者" not in cleaned.text
    assert _kept_lines(cleaned)[0].startswith("OpenAI年营收达200亿美元")
    assert _kept_lines(cleaned)[-1] == "谁都不想被AI拒之门外,包括马斯克自己。"


def test_sample_traditional_script_with_line_numbers_and_disclaimer() -> None:
    _, cleaned = _check_sample("003_61f8e36b2ca27df8.txt", None)
    for noise in ("1. 2. 3.", "![]()", "特別聲明", "Notice:"):
        assert noise not in cleaned.text
    assert len(_removed(cleaned, Reason.DISCLAIMER)) == 2
    assert _kept_lines(cleaned)[0].startswith("2025年1月17日,埃隆·馬斯克")
    assert "結語" in _kept_lines(cleaned)


def test_sample_with_gambling_spam_in_a_hot_news_list() -> None:
    _, cleaned = _check_sample("004_0de03b339f218505.txt", None)
    for noise in ("热门资讯", "相关内容", "辅助器", "开挂", "客服", "微信", "2025-12-11"):
        assert noise not in cleaned.text
    assert _removed(cleaned, Reason.SPAM_GAMBLING)
    kept = _kept_lines(cleaned)
    assert kept[0] == "硅谷的战火正在从地面蔓延至太空。"
    assert kept[-1] == "其实现在的问题是还能有能力建吗?"
    assert not any(line.endswith("...") for line in kept)


# ---------------------------------------------------------------- rules and properties


def test_every_line_rule_says_which_pages_it_serves() -> None:
    rules = noise_rules()
    assert rules.lines
    assert all(len(rule.serves) > 20 for rule in rules.lines)


_PIECES = ["![]()", "**", "相关阅读", "1. 2. 3. 4.", "...", "12345678", "\n", "\r\n", "©", "ICP备"]
_ALPHABET = st.sampled_from(
    [*"新闻记者编辑来源责任微信客服阅读分享开挂麻将摄图片。，！？：:.|*#-[]()!<> \t", *_PIECES]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.one_of(st.none(), st.text(max_size=8)))
def test_spans_index_the_input_and_rebuild_it(text: str, title: str | None) -> None:
    _assert_spans_valid(text, clean_text(text, title))


def test_only_the_first_open_line_can_repeat_the_title() -> None:
    # a lead written in short lines may reuse the headline's words further down
    text = (
        "昨日傍晚\n某市一座厂房发生火灾\n大火彻夜燃烧\n有建筑在大火中倒塌\n"
        + "消防员赶到现场扑救。" * 8
    )
    cleaned = clean_text(text, "大火彻夜燃烧，厂房轰然倒塌")
    assert "大火彻夜燃烧" in _kept_lines(cleaned)


def test_court_signatures_between_ruling_and_statutes_are_removed() -> None:
    ruling = "本院认为，被告人的行为已构成诈骗罪，判决如下。" * 4
    statutes = "附相关法律条文：第二百六十六条诈骗公私财物，数额较大的，处三年以下有期徒刑。" * 3
    text = f"{ruling}\n张某某审判长\n李某某人民陪审员\n王某书记员\n{statutes}"
    cleaned = clean_text(text)
    assert _removed(cleaned, Reason.FOOTER) == ["张某某审判长", "李某某人民陪审员", "王某书记员"]
    assert _kept_lines(cleaned) == [ruling, statutes]


def test_a_line_of_headlines_joined_by_bars_is_a_related_list() -> None:
    body = "记者从市政府获悉，新的公交线路将于下月开通，沿线居民出行将更加便利。" * 3
    strip = "公考必看年度十件大事|三中全会公报全文解读|从报告看明年申论热点"
    cleaned = clean_text(f"{body}\n{strip}\n{body}")
    assert _removed(cleaned, Reason.RELATED) == [strip]
    prose = "票价分为两档|普通线路两元，快线三元|老人凭卡免费乘坐"
    assert prose in _kept_lines(clean_text(f"{body}\n{prose}"))


def test_a_line_opening_with_a_read_the_original_prompt_is_a_footer() -> None:
    body = "记者从市政府获悉，新的公交线路将于下月开通，沿线居民出行将更加便利。" * 3
    prompt = "点击阅读原文，发布租房招聘便民信息！"
    cleaned = clean_text(f"{body}\n{prompt}\n{body}")
    assert _removed(cleaned, Reason.FOOTER) == [prompt]


@pytest.mark.parametrize(
    "tail",
    [
        "這篇新聞讓您覺得？",
        "本網已開設Facebook專頁，歡迎讚好我們",
        "更多信息关注：某市人事考试网",
        "↓↓↓ 商务合作推荐 ↓↓↓",
        "编辑部：newsroom@example.com 电话：010-12345678",
    ],
)
def test_site_promotion_and_contact_lines_after_the_text_are_footers(tail: str) -> None:
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n{tail}", "新建三座大桥")
    assert _removed(cleaned, Reason.FOOTER) == [tail]
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_a_video_prompt_is_removed_where_the_video_was() -> None:
    prompt = "现场画面：请点击以上视频播放！"
    cleaned = _between_news(prompt)
    assert _removed(cleaned, Reason.FOOTER) == [prompt]


@pytest.mark.parametrize(
    "news",
    [
        # an address inside the story, and a numbered list of reporting channels in a notice
        "市民可将意见发送至电子邮箱 plan@example.gov.cn，征集截止日期为3月31日。",
        "2、邮箱举报：将相关线索发送至 report@example.gov.cn",
        # a dateline and a quote that mention the reporter
        "2019年3月5日，记者来到该小区，看到楼道里堆满了杂物。",
        "“我们是记者，不是警察。”他说，采访必须尊重当事人的意愿。",
    ],
)
def test_news_with_an_address_a_date_or_the_reporter_stays(news: str) -> None:
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n{news}", "新建三座大桥")
    assert cleaned.removed == ()


def test_a_closing_promotion_that_reads_as_a_sentence_joins_the_tail() -> None:
    promo = "更多资讯请点击上方蓝字关注我们，也可以在各大应用商店下载本台的客户端，收看直播节目。"
    source = "来源：某某日报，原文有删节，转载时请保留出处，谢谢大家的理解与支持，欢迎分享给朋友。"
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n{source}\n{promo}", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]
    assert _removed(cleaned, Reason.FOOTER) == [source, promo]


def test_a_dated_closing_sentence_stays_news() -> None:
    # the date-line and account-name rules hold only for lines that do not read as sentences
    last = "2018年12月25日，警方在该市微信公众号发布通报，嫌疑人已被依法刑事拘留。"
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n{last}", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2, last]


def test_a_closing_sentence_with_a_glued_footer_keeps_its_news() -> None:
    last = (
        "这样的两个地方，一个是宁静的村庄，一个是鳞次栉比的现代化城市，朋友们，你们更喜欢在哪里居住？"
        "返回搜狐，查看更多 责任编辑："
    )
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n{last}", "新建三座大桥")
    assert _kept_lines(cleaned)[-1] == last[: last.index("返回")]


def test_a_related_heading_alone_goes_even_when_no_list_follows() -> None:
    cleaned = clean_text(f"{NEWS}\n| 相關新聞： |\n{NEWS_2}", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]
    assert "相關新聞：" in "".join(_removed(cleaned, Reason.RELATED))


def test_one_cell_table_rows_after_the_text_are_a_list() -> None:
    rows = ["| 工廈火警三人送院 |", "| 泳灘掛紅旗 |", "| 男生遭的士撞傷 |", "| 破製毒工場拘四人 |"]
    cleaned = clean_text("\n".join([NEWS, *rows]), "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS]


@pytest.mark.parametrize(
    "line",
    [
        "| 【字號 大 中 小】 【打印】 【關閉】 |",
        "【字体：大 中 小】 【进入论坛】",
        "分享到 : 分享新华微博",
        "4、如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。",
        "凡注明来源为“某某网”的所有文字、图片、音视频、美术设计和程序等作品，版权均属某某网所有。",
        "您若对该稿件内容有任何疑问或质疑，请即与某某网联系，本网将迅速给您回应并做处理。",
        "某某在线提醒您:请理性评论、文明发言，勿发布违法和损害公序良俗的信息。",
        "资料图：1月7日，北京雪后现雾天。中新社记者 张三",
        "图为开通仪式现场。\u3000李四\u3000摄",
        "某某网站报道截图",
        "订阅某某报，移动发1到10658303 联通发XW至10655800",
    ],
)
def test_portal_furniture_inside_the_text_is_removed(line: str) -> None:
    cleaned = _between_news(line)
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


@pytest.mark.parametrize(
    "line", ["| 您的位置： 首頁\\新聞中心\\科衛 |", "您当前的位置 ：某某新闻网 > 本网专稿 正文"]
)
def test_a_location_label_above_the_text_is_removed(line: str) -> None:
    cleaned = clean_text(f"{line}\n{NEWS}\n{NEWS_2}", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]


def test_full_width_dates_in_the_tail_are_read_as_dates() -> None:
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}\n２０１２年１月１７日（星期二）", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, NEWS_2]
    assert _removed(cleaned, Reason.BYLINE) == ["２０１２年１月１７日（星期二）"]


def test_a_keyword_label_heading_a_section_stays() -> None:
    # under the text 关键词：… is a tag line; inside it, it can head a section of the article
    cleaned = clean_text(f"{NEWS}\n关键词：大桥\n{NEWS_2}\n关键词：大桥 通车", "新建三座大桥")
    assert _kept_lines(cleaned) == [NEWS, "关键词：大桥", NEWS_2]


@pytest.mark.parametrize(
    ("end", "cut"),
    [
        ("（记者 张三）", "（记者 张三）"),
        ("（记者：张三）（完）", "（记者：张三）（完）"),
        ("（张三）", "（张三）"),
        ("（完）", "（完）"),
        ("（记者从市公安局获悉）", None),  # a sentence's bracket, not a credit
        ("（资料图）", None),
    ],
)
def test_a_credit_closing_the_last_paragraph_is_cut_off(end: str, cut: str | None) -> None:
    cleaned = clean_text(f"{NEWS}\n{NEWS_2}{end}", "新建三座大桥")
    if cut is None:
        assert _kept_lines(cleaned) == [NEWS, NEWS_2 + end]
    else:
        assert _kept_lines(cleaned) == [NEWS, NEWS_2]
        assert [s.text for s in cleaned.removed] == [cut]


def test_a_one_line_post_under_its_own_cut_title_is_kept() -> None:
    post = "人生如逆旅，我亦是行人，十几年前课本里的这句话，有谁还记得吗"
    assert _kept_lines(clean_text(post, post[:20])) == [post]
    # a line that only repeats the headline is a page whose text is missing
    assert _kept_lines(clean_text(post, post)) == []


def test_a_photographer_whose_name_ends_in_wen_is_still_a_photo_credit() -> None:
    cleaned = clean_text(f"{NEWS}\n（蔡佳文/摄）\n{NEWS_2}", "新建三座大桥")
    assert _removed(cleaned, Reason.IMAGE_CREDIT) == ["（蔡佳文/摄）"]


@pytest.mark.parametrize(
    "line",
    [
        "分享贴子",
        "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
        "签到排名:今日本吧第个签到，本吧因你更精彩，明天继续来努力",
        "安卓下载地址：http://t.cn/abcdefg 链接打不开的可以复制到浏览器打开",
        "想爆料？请登录某某网、拨打新闻热线0531-12345678，或登录官方微博提供新闻线索。",
        "本文为政务等机构上传并发布，仅代表该机构观点，不代表本平台的观点或立场。",
    ],
)
def test_forum_and_platform_furniture_is_removed(line: str) -> None:
    assert _kept_lines(_between_news(line)) == [NEWS, NEWS_2]
