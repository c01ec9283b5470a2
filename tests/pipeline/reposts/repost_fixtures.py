"""Texts and transformations for the repost tests: sample documents and bulletins written here."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")

HEADER = "来源：某某新闻网　编辑：张三\n发布时间：2025-02-13 08:30:00"
FOOTER = "声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。\n更多精彩内容，请关注我们。"


def samples() -> list[str]:
    """The five sample documents, normalized to Simplified as the pipeline would."""
    paths = sorted(EXAMPLES.glob("*.txt"))
    if len(paths) < 5:
        pytest.skip(f"sample documents not found in {EXAMPLES}")
    return [str(T2S.convert(p.read_text(encoding="utf-8"))) for p in paths]


def to_traditional_and_back(text: str) -> str:
    return str(T2S.convert(S2T.convert(text)))


def with_boilerplate(text: str) -> str:
    return f"{HEADER}\n{text}\n{FOOTER}"


def truncated(text: str, share: float) -> str:
    return text[: int(len(text) * share)]


def rewrapped(text: str, width: int = 37) -> str:
    flat = "".join(text.split())
    return "\n\n".join(flat[i : i + width] for i in range(0, len(flat), width))


def with_headline(text: str) -> str:
    return f"重磅！一篇完全不同的标题\n{text}"


def edited(text: str, share: float, seed: int = 7) -> str:
    """Delete or substitute `share` of the characters, at seeded places."""
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(int(len(chars) * share)):
        i = rng.randrange(len(chars))
        if rng.random() < 0.5:
            del chars[i]
        else:
            chars[i] = chars[rng.randrange(len(chars))]
    return "".join(chars)


WEATHER = (
    "中央气象台今天（{m}月{d}日）发布天气预报，今天夜间到明天，{region}将有{kind}，其中{place}等地的"
    "部分地区有{amount}。气温方面，{city}明天最高气温{hi}℃，最低气温{lo}℃，{wind}。气象专家提醒，"
    "{advice}。"
)
MATCH = (
    "北京时间{m}月{d}日晚，中超联赛第{rnd}轮比赛在{venue}打响，{home}主场迎战{away}。上半场第{m1}分钟，"
    "{p1}接队友传中头球破门，帮助{home}取得领先。下半场第{m2}分钟，{p2}禁区外远射扳平比分。第{m3}分钟，"
    "{p3}反越位成功后冷静推射得手。最终{winner}以{score}取胜，赛后以{pts}分暂列积分榜第{rank}位。"
)
STOCKS = (
    "{m}月{d}日，A股三大指数{trend}。截至收盘，沪指{dir1}{p1}%，报{v1}点；深证成指{dir2}{p2}%，报{v2}点；"
    "创业板指{dir3}{p3}%，报{v3}点。两市成交额{amt}亿元，较上一交易日{chg}{delta}亿元。板块方面，"
    "{s1}、{s2}板块涨幅居前，{s3}板块跌幅居前。北向资金全天净{flow}{nf}亿元。"
)
BULLETIN = (
    "央视网消息（新闻联播）：国务院总理{name}{m}月{d}日主持召开国务院常务会议，听取{t1}情况汇报，"
    "部署{t2}工作，审议通过《{law}（草案）》。会议指出，{point}。会议强调，要{stress}，"
    "确保各项政策措施落地见效。会议还研究了其他事项。"
)

TEMPLATE_PAIRS: dict[str, tuple[str, str]] = {
    "weather": (
        WEATHER.format(
            m=3,
            d=12,
            region="江南、华南北部",
            kind="中到大雨",
            place="湖南东部、江西北部",
            amount="暴雨",
            city="南昌",
            hi=18,
            lo=11,
            wind="偏北风3到4级",
            advice="公众出行注意防范强降雨引发的城市内涝",
        ),
        WEATHER.format(
            m=11,
            d=27,
            region="华北、东北地区",
            kind="大风降温天气",
            place="内蒙古东部、吉林西部",
            amount="中到大雪",
            city="沈阳",
            hi=-2,
            lo=-13,
            wind="西北风5到6级",
            advice="提前做好防寒保暖和设施农业防风加固",
        ),
    ),
    "match": (
        MATCH.format(
            m=4,
            d=6,
            rnd=5,
            venue="工人体育场",
            home="北京国安",
            away="上海申花",
            m1=23,
            p1="张稀哲",
            m2=58,
            p2="于汉超",
            m3=81,
            p3="张玉宁",
            winner="北京国安",
            score="2比1",
            pts=11,
            rank=2,
        ),
        MATCH.format(
            m=9,
            d=17,
            rnd=26,
            venue="天河体育场",
            home="广州队",
            away="山东泰山",
            m1=9,
            p1="韦世豪",
            m2=67,
            p2="克雷桑",
            m3=88,
            p3="陈蒲",
            winner="山东泰山",
            score="2比1",
            pts=52,
            rank=3,
        ),
    ),
    "stocks": (
        STOCKS.format(
            m=5,
            d=8,
            trend="集体上涨",
            dir1="涨",
            p1="0.83",
            v1="3142.35",
            dir2="涨",
            p2="1.21",
            v2="9876.54",
            dir3="涨",
            p3="1.67",
            v3="1923.40",
            amt="9213",
            chg="放量",
            delta="512",
            s1="半导体",
            s2="软件开发",
            s3="煤炭",
            flow="买入",
            nf="45.6",
        ),
        STOCKS.format(
            m=8,
            d=21,
            trend="涨跌不一",
            dir1="跌",
            p1="0.27",
            v1="2987.12",
            dir2="涨",
            p2="0.15",
            v2="9345.08",
            dir3="跌",
            p3="0.44",
            v3="1812.77",
            amt="7561",
            chg="缩量",
            delta="388",
            s1="银行",
            s2="电力",
            s3="医药",
            flow="卖出",
            nf="12.9",
        ),
    ),
    "bulletin": (
        BULLETIN.format(
            name="某某",
            m=6,
            d=14,
            t1="今年以来稳就业",
            t2="进一步推动大规模设备更新",
            law="中华人民共和国农村集体经济组织法",
            point="就业是最基本的民生",
            stress="加大对重点群体就业帮扶力度",
        ),
        BULLETIN.format(
            name="某某",
            m=6,
            d=21,
            t1="防汛抗旱",
            t2="加快发展现代化产业体系",
            law="中华人民共和国能源法",
            point="当前已进入主汛期，防汛形势严峻复杂",
            stress="压实各方责任，全力保障人民群众生命财产安全",
        ),
    ),
}

CEREMONY = (
    "央视网消息（新闻联播）：晋升将军军衔仪式{d}日在北京八一大楼隆重举行。仪式{t}时许在庄严的国歌声中开始。"
    "仪式上，有关负责同志宣读了晋升军衔的命令，为晋衔的{n}位军官佩戴了新的军衔肩章，并同他们合影留念。"
    "晋升军衔的军官军装笔挺、精神抖擞，依次向与会领导敬礼。与会领导向他们表示祝贺，勉励他们忠诚履职、"
    "担当作为，团结带领所属部队全面加强练兵备战，坚决完成党和人民赋予的各项任务。参加仪式的还有各单位"
    "负责同志{m}余人。"
)
RECURRING = (
    CEREMONY.format(d=25, t=11, n=3, m=200),
    CEREMONY.format(d=28, t=17, n=4, m=150),
)
