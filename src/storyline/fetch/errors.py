"""Why a fetch failed, as a reason code and words a person understands."""

from __future__ import annotations

from datetime import datetime

from storyline.errors import StorylineError


class FetchError(StorylineError):
    """A URL could not be fetched. `retry_after` is when the server asked us to come back."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        status: int | None = None,
        retry_after: datetime | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status
        self.retry_after = retry_after
