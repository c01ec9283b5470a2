import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


@pytest.fixture
def run(tmp_path: Path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def invoke(*args: str, input: bytes | None = None):
        return runner.invoke(main, ["--db", db, *args], input=input)

    return invoke


def test_ingest_then_list_show_search_and_sources(run, examples: Path) -> None:
    result = run("ingest", str(examples))
    assert result.exit_code == 0, result.output
    assert "5 documents read: 5 new" in result.output
    listed = json.loads(run("articles", "--json").output)
    assert len(listed) == 5
    shown = json.loads(run("show", str(listed[0]["id"]), "--json").output)
    assert shown["text"] and isinstance(shown["removed"], list)
    found = json.loads(run("search", "起诉", "--json").output)
    assert found["total"] >= 1 and "<mark>" in found["hits"][0]["snippet"]
    sources = json.loads(run("sources", "--json").output)
    assert sources[0]["articles"] == 5


def test_extract_prints_json_lines_without_storing(run, examples: Path, tmp_path: Path) -> None:
    result = run("extract", str(examples))
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 5
    assert all({"title", "published", "text", "removed", "script"} <= set(x) for x in lines)
    assert not (tmp_path / "cli.db").exists()


def test_errors_are_messages_with_non_zero_status(run, tmp_path: Path) -> None:
    missing = run("ingest", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "no such file" in missing.output
    unknown = run("show", "999")
    assert unknown.exit_code == 1 and "no article with id 999" in unknown.output


def test_stdin_ingest(run) -> None:
    result = run("ingest", "-", input="今天上午，市政府召开新闻发布会。".encode())
    assert result.exit_code == 0 and "1 articles stored" in result.output


def test_config_show_lists_every_setting(run) -> None:
    values = json.loads(run("config", "show", "--json").output)
    assert values["db"].endswith("cli.db")
    shown = run("config", "show").output
    assert "timezone" in shown
    # and whether the hot modules run compiled, or why not
    assert re.search(r"^# hot modules: (compiled|python: .+) \(env STORYLINE_NATIVE", shown, re.M)


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, name
        assert runner.invoke(main, [name, "--help"]).exit_code == 0
