"""Tokens for tests that look like the product's (`secrets.token_urlsafe`) but are the same in
every process: parametrised test ids must match across pytest-xdist's workers."""

import base64
import hashlib


def fixed_token(name: str, nbytes: int = 32) -> str:
    digest = hashlib.sha512(name.encode()).digest()[:nbytes]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
