"""The helpers that keep hostile content inert, and the UI strings files."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from storyline.web.i18n import LANGUAGES, choose_language, from_accept_language, strings
from storyline.web.safety import safe_snippet, safe_url


def test_only_http_links_pass() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil",
        "http:///x",
        "vbscript:x",
        "",
        None,
        "https://exa mple.org",
    ]:
        assert safe_url(bad) is None, bad


def test_snippet_keeps_marks_and_escapes_the_rest() -> None:
    assert str(safe_snippet("a <mark>b</mark> &lt;i&gt;")) == "a <mark>b</mark> &lt;i&gt;"
    assert str(safe_snippet("<script>x</script><mark>b</mark>")) == (
        "&lt;script&gt;x&lt;/script&gt;<mark>b</mark>"
    )
    assert "<mark>" not in str(safe_snippet("<mark>unclosed"))


@given(st.text())
def test_snippet_of_escaped_text_has_no_other_tags(text: str) -> None:
    out = str(safe_snippet(html.escape(text) + "<mark>x</mark>"))
    assert out.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_ui_strings_have_the_same_keys_in_every_language() -> None:
    tables = [strings(lang).table for lang in LANGUAGES]
    first = tables[0]
    for table in tables[1:]:
        assert set(table) == set(first)
        assert set(table["reasons"]) == set(first["reasons"])


def test_every_cleaner_reason_has_words() -> None:
    from storyline.pipeline.clean.reasons import Reason

    for lang in LANGUAGES:
        for reason in Reason:
            assert reason.value in strings(lang).table["reasons"], (lang, reason)


def test_language_choice() -> None:
    assert from_accept_language("fr, en;q=0.5, zh;q=0.9") == "zh"
    assert from_accept_language("de") is None
    assert choose_language("en", "zh", "zh") == "en"
    assert choose_language(None, "en", "zh") == "en"
    assert choose_language("xx", None, None) == "zh"
