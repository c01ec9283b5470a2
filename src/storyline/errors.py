"""The exception tree. The CLI and web translate these at their boundary, nowhere else.

StorylineError                 anything Storyline raises on purpose
├── SettingsError              a setting has a bad value or a config file is malformed
├── InputError                 a path, query or argument the user gave cannot be used
├── NotFoundError              no such article, source, story …
├── StepError                  a document failed a pipeline step (carries a reason code)
│   ├── DecodeError            bytes that no supported encoding decodes cleanly
│   └── ParseError             malformed front matter, JSON, or HTML with no main text
└── StoreError                 the database refused (schema too new, locked, …)
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error Storyline raises on purpose."""


class SettingsError(StorylineError):
    pass


class InputError(StorylineError):
    pass


class NotFoundError(StorylineError):
    pass


class StepError(StorylineError):
    """A document failed a step; `reason` is a short code counted in run statistics."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class DecodeError(StepError):
    pass


class ParseError(StepError):
    pass


class StoreError(StorylineError):
    pass
