"""The site in a real browser (Debian's chromium through Playwright), served by uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from storyline.api import Archive
from storyline.settings import load_settings
from tests.web.conftest import HOSTILE_ENTITY, TOKEN, add_hostile_facts, write_documents

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="needs the playwright package")

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright  # noqa: E402

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A common phone viewport (CSS pixels): the narrowest the pages must fit without side scrolling.
PHONE: ViewportSize = {"width": 360, "height": 740}
# How long the server may take to start on a loaded machine before the tests give up.
START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from storyline.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    write_documents(folder / "docs")
    settings = load_settings({"db": str(folder / "web.db"), "token": TOKEN}, environ={})
    with Archive(settings) as archive:
        archive.ingest([folder / "docs"])
    add_hostile_facts(settings)
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        opened = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield opened
        opened.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN")
    opened = context.new_page()
    yield opened
    context.close()


def test_home_lists_articles(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    titles = page.locator("ol.articles a.title").all_inner_texts()
    assert len(titles) == 4
    assert "法院受理起诉" in titles
    assert page.locator("h1").inner_text() == "最新报道"
    assert "最新文章" in page.locator("h2").all_inner_texts()


def test_story_page_from_the_home_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.click("ol.stories a.title:has-text('法院受理起诉')")
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == "法院受理起诉"
    assert page.locator("li.event h3").all_inner_texts() == ["法院受理起诉"]
    page.click("li.event ol.articles a.title")
    page.wait_for_url("**/articles/*")
    page.click("a.story-link")
    assert page.locator("h1").inner_text() == "法院受理起诉"


def test_chinese_entity_page_through_a_mention(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=" + quote("微软发布"))
    page.click("ol.hits a.title >> nth=0")
    mention = page.locator("a.mention", has_text="微软")
    assert mention.get_attribute("title") == "微软 (org)"
    mention.click()
    page.wait_for_url("**/entities/*")
    assert page.url.endswith("/entities/" + quote("微软"))
    assert page.locator("h1").inner_text() == "微软"
    titles = page.locator("ol.articles a.title").all_inner_texts()
    assert sorted(titles) == ["台北報導", "微软发布新系统"]
    assert set(page.locator("ul.entities a").all_inner_texts()) == {"北京", "台北"}


def test_hostile_entity_names_never_run(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/entities")
    page.click("a.entity.person")
    assert page.locator("h1").inner_text() == HOSTILE_ENTITY
    for path in ["/entities", "/stories", page.url.removeprefix(base_url)]:
        page.goto(base_url + path)
        assert page.evaluate("window.__pwned") is None, path
        live = "document.querySelectorAll('script, iframe, [onerror], [onload]').length"
        assert page.evaluate(live) == 0, path
    assert not errors


@pytest.mark.parametrize(
    ("query", "expected", "marked"),
    [("起诉", "法院受理起诉", "起诉"), ("微軟", "微软发布新系统", "微软")],
)
def test_search_finds_and_marks(
    page: Page, base_url: str, query: str, expected: str, marked: str
) -> None:
    page.goto(base_url + "/")
    page.fill("form.search input[name=q]", query)
    page.click("form.search button")
    page.wait_for_url("**/search?q=*")
    titles = page.locator("ol.hits a.title").all_inner_texts()
    assert expected in titles
    marks = page.locator("ol.hits mark").all_inner_texts()
    assert marks and marked in marks


def test_traditional_query_marks_traditional_text(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=" + quote("微軟"))
    marks = page.locator("ol.hits mark").all_inner_texts()
    assert "微軟" in marks  # the Traditional article, marked as published


def test_article_script_toggle(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=" + quote("微软发布"))
    page.click("ol.hits a.title >> nth=0")
    assert page.locator("h1").inner_text() == "微软发布新系统"
    page.click("a[data-script=hant]")
    assert page.locator("h1").inner_text() == "微軟發佈新系統"
    page.click("a[data-script=hans]")
    assert page.locator("h1").inner_text() == "微软发布新系统"


def test_hostile_payloads_never_run(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    paths = ["/", "/tags", "/search?q=" + quote("起诉"), "/feeds/latest.atom"]
    page.goto(base_url + "/search?q=" + quote("攻击标题"))
    page.click("ol.hits a.title >> nth=0")
    paths.append(page.url.removeprefix(base_url))
    for path in paths:
        page.goto(base_url + path)
        assert page.evaluate("window.__pwned") is None, path
        live = "document.querySelectorAll('script, iframe, [onerror], [onload]').length"
        assert page.evaluate(live) == 0, path
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    page.click("details.removed summary")
    assert page.evaluate("window.__pwned") is None
    assert not errors


@pytest.mark.parametrize(
    "path", ["/", "/search?q=" + quote("起诉"), "/sources", "/tags", "/stories", "/entities"]
)
def test_phone_viewport_has_no_horizontal_scroll(
    browser: Browser, base_url: str, path: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], widths


def test_phone_viewport_article_page(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/search?q=" + quote("攻击标题"))
    page.click("ol.hits a.title >> nth=0")
    page.click("details.removed summary")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], widths
