"""Writers credited inside the text: datelines at its head, credits at its end."""

from __future__ import annotations

import pytest

from storyline.pipeline.clean.credits import closing_writers, dateline_outlet, dateline_writers


@pytest.mark.parametrize(
    ("text", "writers"),
    [
        ("新华社北京1月12日电（记者 张三 李四）今天，……", "张三 李四"),
        ("本报讯（记者张三 通讯员李四）昨日，……", "张三"),
        ("本报讯（实习生 王五 记者 赵六 通讯员 钱七）昨日，……", "王五 赵六"),
        ("【某某報記者王小明台北報導】流感病例頻傳，……", "王小明"),
        ("【記者張三 李四 台北報導】流感病例頻傳，……", "張三 李四"),
        ("（记者 张三 李四 报道）今天，……", "张三 李四"),  # spaced before 报道: no place
        ("【某某晚報╱記者王小明/台北報導】", "王小明"),
        ("新华社武汉12月4日电（记者张三、李四）12月4日是……", "张三 李四"),
        ("据新华社电（记者 Jane Doe）……", "Jane Doe"),
        ("（记者从市公安局获悉）昨日，……", None),
        ("（张三）今天，……", "张三"),  # a bare name opening the text is its credit
        ("央视网消息（新闻联播）：长江是……", None),
        ("市政府昨日召开新闻发布会，宣布今年将新建三座跨江大桥，总投资约120亿元（记者张三）", None),
    ],
)
def test_dateline_writers(text: str, writers: str | None) -> None:
    assert dateline_writers(text) == writers


@pytest.mark.parametrize(
    ("text", "writers"),
    [
        ("中新社北京1月12日电 (张三) 中国外交部……", "张三"),
        ("中国网1月17日讯（王文举） 一个……", "王文举"),
        ("【林小明╱台北報導】近日天冷，……", "林小明"),
        ("〔編譯陳小明／綜合報導〕規律運動……", "陳小明"),
        ("【解说】一端是四大发明，……", None),
        ("（资料图）今天，……", None),
        ("示例网站昨日消息（张三）今天，……", None),  # a bare name needs a dateline's 电 or 讯
    ],
)
def test_a_bare_name_after_a_dateline(text: str, writers: str | None) -> None:
    assert dateline_writers(text) == writers


@pytest.mark.parametrize(
    ("text", "writers"),
    [
        ("……意义重大、影响深远。(记者张三)", "张三"),
        ("……也许才能找到密碼。（李妍）", "李妍"),
        ("……能否只在窗口售票？”（示例网 李四）", "李四"),
        ("……能否只在窗口售票？”【示例醒報／林小明】", "林小明"),  # outlet／writer
        ("……特此公告。”(王五 发自上海)", "王五"),
        ("……暂时聊到这里。（记者 张三 实习生 李四）(完)", "张三 李四"),
        ("……（示例晚報記者 林小明 實習生 黃大同 文/攝)", "林小明 黃大同"),
        ("……（通讯员 赵六 记者 钱七）", "钱七"),
        ("……世界经济贸易秩序。(完)", None),
        ("……其中一步。（资料图）", None),
        ("……未完。（待续）", None),
        ("……（新华社）", None),
        ("……不出问题。(卫计局)", None),
        ("……（编辑 张颖）", None),
        ("……（图片来源：网络）", None),
        ("（记者张三）今天，市政府召开新闻发布会，宣布新建三座大桥，总投资约一百二十亿元。", None),
    ],
)
def test_closing_writers(text: str, writers: str | None) -> None:
    assert closing_writers(text) == writers


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("【示例晚報╱記者王小明／即時報導】……", "示例晚報"),
        ("【示例醒報／林小明】為響應……", "示例醒報"),
        ("【示例日報╱廣州12日電】……", "示例日報"),
        ("〔中央社〕……", "中央社"),
        ("【示例醒報記者陳小明台北報導】……", "示例醒報"),
        ("【 手机看新闻 】 【 示例吧 】", None),
        ("【解说】一端是……", None),
        ("（记者 张三）今天……", None),
        ("【新唐人2012年1月11日訊】……", None),
    ],
)
def test_dateline_outlet(text: str, outlet: str | None) -> None:
    assert dateline_outlet(text) == outlet
