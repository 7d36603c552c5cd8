"""The origin allowlist: parsing entries, matching origins, and the CSP it produces."""

from __future__ import annotations

import pytest

from advisor.errors import ConfigError
from advisor.settings import Settings
from advisor.web.security import OriginPattern, OriginPolicy


def scope(host: str, scheme: str = "http") -> dict:
    return {"type": "http", "scheme": scheme, "headers": [(b"host", host.encode())]}


def policy(**settings) -> OriginPolicy:
    return OriginPolicy.from_settings(Settings(**settings))


@pytest.mark.parametrize("origin, allowed", [
    ("http://localhost:3000", True),
    ("http://127.0.0.1:8080", True),
    ("http://localhost", True),
    ("https://localhost:3000", False),   # the defaults are plain http
    ("http://127.0.0.2:3000", False),
    ("http://[::1]:3000", False),
    ("http://localhost.evil.example", False),
    ("null", False),
    ("not an origin", False),
    ("http://advisor.example.com:7860", True),   # same origin as the request below
    ("https://advisor.example.com:7861", False),
])
def test_default_policy(origin, allowed):
    assert policy().allows(origin, scope("advisor.example.com:7860")) is allowed


def test_configured_origins_and_public_url():
    p = policy(allowed_origins=["https://*.example.org", "https://partner.example.net:8443"],
               public_url="https://careers.example.com/advisor")
    s = scope("10.0.0.5:7860")
    assert p.allows("https://blog.example.org", s) and p.allows("https://a.b.example.org", s)
    assert not p.allows("https://example.org", s) and not p.allows("http://blog.example.org", s)
    assert p.allows("https://partner.example.net:8443", s) and not p.allows("https://partner.example.net", s)
    assert p.allows("https://careers.example.com", s)
    assert p.frame_ancestors() == ("frame-ancestors 'self' http://localhost:* http://127.0.0.1:* "
                                   "https://*.example.org https://partner.example.net:8443 https://careers.example.com")


def test_star_allows_everyone():
    p = policy(allowed_origins=["*"])
    assert p.allows("https://anywhere.example", scope("x")) and p.frame_ancestors() == "frame-ancestors *"


@pytest.mark.parametrize("entry", ["example.com", "ftp://example.com", "https://example.com/path",
                                   "https://example.com:port", "https://", "https://user@example.com"])
def test_bad_entries_say_how_to_write_them(entry):
    with pytest.raises(ConfigError, match="ADVISOR_ALLOWED_ORIGINS"):
        OriginPattern.parse(entry)


def test_ipv6_entry():
    p = OriginPattern.parse("http://[::1]:*")
    assert p.matches("http", "::1", 9000) and str(p) == "http://[::1]:*"


@pytest.mark.parametrize("host, loopback, allowed", [
    ("127.0.0.1", None, True),    # development: the app binds loopback
    ("localhost", None, True),
    ("0.0.0.0", None, False),     # production: local pages are other sites like any
    ("0.0.0.0", True, True),      # unless switched on
    ("127.0.0.1", False, False),
])
def test_loopback_origins_only_in_development(host, loopback, allowed):
    p = policy(host=host, loopback_origins=loopback)
    s = scope("advisor.example.com")
    assert p.allows("http://localhost:3000", s) is allowed and p.allows("http://127.0.0.1:8080", s) is allowed
    assert ("http://localhost:*" in p.frame_ancestors()) is allowed
