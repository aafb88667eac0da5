"""A small OpenID Connect provider on loopback for the sign-in tests: discovery, authorize
(redirects back with a code), token (an RS256-signed id_token), userinfo and JWKS.

It is a real HTTP server that our code reaches over the network like any IdP; only the person
signing in is simulated (`claims` is who the provider says signed in)."""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "samverkan-test"
CLIENT_SECRET = "provider-test-secret"
KID = "test-key-1"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.token_requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if url.path == "/jwks":
                    return self._json(provider.jwks())
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {
                        "nonce": query.get("nonce"),
                        "client_id": query.get("client_id"),
                        "redirect_uri": query.get("redirect_uri"),
                    }
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query.get("state", "")})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.tokens[token])
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                grant = provider.codes.pop(form.get("code", ""), None)
                if (
                    urlsplit(self.path).path != "/token"
                    or grant is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != grant["redirect_uri"]
                ):
                    return self._json({"error": "invalid_grant"}, 400)
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.issuer,
                        "aud": CLIENT_ID,
                        "iat": now,
                        "exp": now + 300,
                        "nonce": grant["nonce"],
                        **provider.claims,
                    },
                    provider.key,
                    algorithm="RS256",
                    headers={"kid": KID},
                )
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = dict(provider.claims)
                return self._json(
                    {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}
                )

        return Handler
