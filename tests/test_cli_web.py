"""`storyline serve --get` and `storyline export hugo`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import storyline.cli_web  # noqa: F401  (registers the commands)
from storyline.cli import main


def _ingest(db: Path, examples: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(examples)])
    assert result.exit_code == 0, result.output


def test_serve_get_prints_the_response(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "a.db"
    _ingest(db, examples)
    result = CliRunner().invoke(main, ["--db", str(db), "serve", "--get", "/index.json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["articles"]) == 5
    missing = CliRunner().invoke(main, ["--db", str(db), "serve", "--get", "/articles/99.json"])
    assert missing.exit_code == 1
    assert json.loads(missing.output)["status"] == 404


def test_export_hugo_writes_a_site(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "a.db"
    _ingest(db, examples)
    result = CliRunner().invoke(main, ["--db", str(db), "export", "hugo", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "site" / "content" / "posts").glob("*.md"))) == 5
    assert (tmp_path / "site" / "hugo.toml").exists()
