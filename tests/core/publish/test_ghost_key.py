"""Ghost's Admin API key and the token made from it; a Content API key named as such."""

import base64
import hashlib
import hmac
import json

import pytest

from reviewdesk.core.publish.ghost import TOKEN_SECONDS, AdminKey, NotAnAdminKey

KEY_ID = "6b15d3d620eedc4a240b96a4"
SECRET = "f6000b9dd1d5e3e4e5279628f7e049df779f6370c0da0dc617225a15723674a8"
CONTENT_KEY = "b7783190108b182585abc5bfb3"


def _decoded(part: str) -> dict[str, object]:
    padded = part + "=" * (-len(part) % 4)
    found = json.loads(base64.urlsafe_b64decode(padded))
    assert isinstance(found, dict)
    return found


def test_the_token_is_hs256_for_the_admin_api_signed_with_the_secret() -> None:
    token = AdminKey.parse(f" {KEY_ID}:{SECRET}\n").token(now=1_800_000_000)
    header, claims, signature = token.split(".")
    assert _decoded(header) == {"alg": "HS256", "typ": "JWT", "kid": KEY_ID}
    assert _decoded(claims) == {
        "iat": 1_800_000_000,
        "exp": 1_800_000_000 + TOKEN_SECONDS,
        "aud": "/admin/",
    }
    assert TOKEN_SECONDS <= 300  # Ghost refuses longer
    expected = hmac.new(bytes.fromhex(SECRET), f"{header}.{claims}".encode(), hashlib.sha256)
    assert signature == base64.urlsafe_b64encode(expected.digest()).rstrip(b"=").decode()
    assert "=" not in token


def test_a_content_api_key_is_named_as_the_wrong_key() -> None:
    with pytest.raises(NotAnAdminKey, match="this is a Content API key, which can only read"):
        AdminKey.parse(CONTENT_KEY)


@pytest.mark.parametrize(
    "text",
    ["", KEY_ID, f"{KEY_ID}:", f"{KEY_ID}:{SECRET[:-1]}", f"{KEY_ID}:{SECRET}x", "a:b", SECRET],
)
def test_anything_else_is_not_an_admin_key(text: str) -> None:
    with pytest.raises(NotAnAdminKey, match="not a Ghost Admin API key"):
        AdminKey.parse(text)
