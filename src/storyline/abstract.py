"""An optional abstractive story summary from an OpenAI-compatible chat endpoint.

Off unless an endpoint is configured; timelines and their extractive summaries never depend on
it. The caller passes the HTTP client (tests use a local server) and the endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import httpx

from storyline.errors import StorylineError
from storyline.pipeline.timeline.merge import show_date
from storyline.pipeline.timeline.model import Timeline

# Statements sent per story: the entries most stated by distinct wordings first. Forty lines of
# about 60 characters stay near 2,500 tokens, inside the 4k context of small local models.
PROMPT_ENTRIES = 40
# Seconds to wait for a reply: a small model on a CPU writes five sentences in well under this.
TIMEOUT_SECONDS = 60.0


class SummaryError(StorylineError):
    """The summary endpoint failed or answered in an unexpected shape."""


@dataclass(frozen=True, slots=True)
class SummaryEndpoint:
    base_url: str  # up to and including the API version, e.g. http://127.0.0.1:8080/v1
    model: str
    api_key: str | None = None


def prompt_lines(timeline: Timeline) -> list[str]:
    """The statements sent: dated entries (strongest first, then in date order), disagreements."""
    ranked = sorted(timeline.entries, key=lambda e: -e.weight)[:PROMPT_ENTRIES]
    lines = [
        f"{show_date(e.first, e.last, e.granularity)}: {e.summary}"
        for e in sorted(ranked, key=lambda e: (e.first, e.last))
    ]
    for c in timeline.conflicts:
        a, b = c.sides
        lines.append(f"Disagreement ({c.what}, {c.about}): {a.value} vs {b.value}")
    return lines


def abstract_summary(client: httpx.Client, endpoint: SummaryEndpoint, timeline: Timeline) -> str:
    """The endpoint's summary of the timeline's statements."""
    instructions = (files("storyline") / "data" / "summary_prompt.txt").read_text(encoding="utf-8")
    body: dict[str, Any] = {
        "model": endpoint.model,
        "messages": [
            {"role": "system", "content": instructions.strip()},
            {"role": "user", "content": "\n".join([timeline.headline, *prompt_lines(timeline)])},
        ],
        "temperature": 0,
    }
    headers = {"Authorization": f"Bearer {endpoint.api_key}"} if endpoint.api_key else {}
    url = endpoint.base_url.rstrip("/") + "/chat/completions"
    try:
        response = client.post(url, json=body, headers=headers, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as exc:
        raise SummaryError(f"summary endpoint {url} unreachable: {exc}") from exc
    if response.status_code != 200:
        raise SummaryError(f"summary endpoint {url} answered {response.status_code}")
    try:
        return str(response.json()["choices"][0]["message"]["content"]).strip()
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise SummaryError(f"summary endpoint {url} answered in an unknown shape") from exc
