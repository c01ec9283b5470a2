"""State-changing requests: the settings token, and a double-submit cookie against CSRF.

A browser form carries the token the user typed plus a random value that must equal the value
of a cookie this site set: another site can make the browser send the cookie but cannot read it
to put it in the form. A script sending `Authorization: Bearer <token>` has no ambient
credentials to abuse and needs no CSRF value.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request, Response

CSRF_COOKIE = "storyline_csrf"
CSRF_FIELD = "csrf"
# 32 random bytes: far beyond guessing, the size OWASP suggests for CSRF tokens.
CSRF_BYTES = 32


def csrf_value(request: Request) -> str:
    """The visitor's CSRF value: the one their cookie holds, or a new random one."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(CSRF_BYTES)


def set_csrf(response: Response, value: str) -> None:
    response.set_cookie(CSRF_COOKIE, value, httponly=True, samesite="strict", path="/")


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def require_write(
    request: Request, expected: str, form_token: str | None, form_csrf: str | None
) -> None:
    """Refuse (403) unless writes are enabled and the caller proves both token and origin."""
    if not expected:
        raise HTTPException(403, "state-changing endpoints are disabled (no token is set)")
    bearer = _bearer(request)
    if bearer is not None:
        if not _same(bearer, expected):
            raise HTTPException(403, "wrong token")
        return
    if not _same(form_csrf, request.cookies.get(CSRF_COOKIE)):
        raise HTTPException(403, "missing or wrong CSRF value; reload the form and try again")
    if not _same(form_token, expected):
        raise HTTPException(403, "wrong token")
