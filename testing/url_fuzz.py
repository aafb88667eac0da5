"""Hostile input against every URL of the product, as a role: no 5xx, nothing half-written.

The machinery of the URL fuzz tests (`lib/tests/test_fuzz_*.py`, one file per half of the roles so
that the two halves run at the same time on the two test workers).

The test knows no view by name. It walks the URL configuration (so views added later are covered),
fills path parameters with real ids and slugs from the demo data and with hostile values, reads the
forms and filter links of each page it can open, and sends hostile values to every field and query
parameter it found. Sampling is bounded and seeded, so a run is repeatable and stays near a minute.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from accounts.models import User
from demo.cases import load_case_demo
from demo.meetings import load_meeting_demo

SEED = 20261125
# Bounds that keep the run near a minute on SQLite.
INSTANCES_PER_URL = 3
POSTS_PER_FORM = 4
FORMS_PER_URL = 6
# Tables that legitimately change when a request is refused (sessions, lockout and audit logs).
UNTRACKED_TABLE_PREFIXES = ("django_session", "accounts_signinfailure", "audit_", "otp_")
# URL names never posted to: signing out would end the role's session in the middle of the run.
NEVER_POST = {"logout"}

LONG = "x" * 5000
LONG_UNICODE = "Åäö–€" * 1200
HUGE = "99999999999999999999"
HOSTILE_TEXT = [LONG, LONG_UNICODE, "<script>alert(1)</script>", "'; DROP TABLE x; --", "", " "]
HOSTILE_NUMBER = [HUGE, "-1", "abc", "1e308", "NaN", "0x10", "", "1.5", "-" + HUGE]
HOSTILE_DATE = ["9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30", "abc", HUGE, ""]
HOSTILE_TIME = ["25:99", "99:99:99", "abc", "-1", ""]
HOSTILE_ANY = HOSTILE_TEXT + HOSTILE_NUMBER + HOSTILE_DATE + ["\x00", "on", "true"]
GENERIC_QUERY_KEYS = ["q", "sida", "page", "p", "o", "status", "year", "group", "next", "fmt"]


# --- Reading pages --------------------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, dict] = field(default_factory=dict)


class PageParser(HTMLParser):
    """Forms with their fields (type, options, value) and the query keys of links on the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.link_queries: list[str] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self.forms.append(self._form)
        elif tag == "a" and "?" in a.get("href", ""):
            self.link_queries.append(a["href"].split("?", 1)[1])
        elif self._form is None or not a.get("name"):
            return
        elif tag == "button":
            # <button name="action" value="up"> routes a post just like a hidden field.
            spec = self._form.fields.setdefault(a["name"], {"type": "submit", "values": []})
            spec["values"].append(a.get("value", ""))
        elif tag == "input":
            spec = self._form.fields.setdefault(
                a["name"], {"type": a.get("type", "text").lower(), "values": []}
            )
            if spec["type"] in {"checkbox", "radio"}:
                spec["values"].append(a.get("value", "on"))
            elif a.get("value"):
                spec["values"].append(a["value"])
        elif tag == "select":
            self._select = self._form.fields.setdefault(
                a["name"], {"type": "select", "values": [], "multiple": "multiple" in a}
            )
        elif tag == "textarea":
            self._textarea = self._form.fields.setdefault(
                a["name"], {"type": "textarea", "values": []}
            )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None and data.strip():
            self._textarea["values"].append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _parse(html: str) -> PageParser:
    parser = PageParser()
    # Options are read separately: HTMLParser gives no parent link, and selects hold only options.
    parser.feed(html)
    for form in parser.forms:
        for name, spec in form.fields.items():
            if spec["type"] == "select":
                pattern = re.compile(
                    r'<select[^>]*name="' + re.escape(name) + r'"[^>]*>(.*?)</select>', re.S
                )
                if match := pattern.search(html):
                    spec["values"] = [
                        v for v in re.findall(r'<option[^>]*value="([^"]*)"', match.group(1)) if v
                    ]
    return parser


# --- Where to go ----------------------------------------------------------------------------


def url_patterns(patterns=None, namespace=""):
    """(qualified name, parameter names) of every named URL, including included and admin URLs."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            regex = pattern.pattern.regex
            names = list(getattr(pattern.pattern, "converters", {})) or list(regex.groupindex)
            # Unnamed groups (simple_history's admin URLs) are filled positionally.
            names += [f"_{i}" for i in range(regex.groups - len(regex.groupindex))]
            yield namespace + pattern.name, names


def project_models():
    return [m for m in apps.get_models() if not m._meta.app_label.startswith(("contenttypes",))]


def id_pool(rng: random.Random) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Real ids (a few per model), real (parent id, child id) pairs along foreign keys,
    and real slugs and tokens."""
    ids: set[str] = set()
    pairs: list[tuple[str, str]] = []
    words: set[str] = set()
    for model in project_models():
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:200])
        for pk in rng.sample(pks, min(3, len(pks))):
            ids.add(str(pk))
        for f in model._meta.fields:
            if isinstance(f, models.ForeignKey) and not f.name.startswith("history"):
                rows = list(
                    model._default_manager.exclude(**{f.attname: None}).values_list(
                        f.attname, "pk"
                    )[:50]
                )
                pairs.extend((str(a), str(b)) for a, b in rng.sample(rows, min(2, len(rows))))
            if isinstance(f, models.SlugField) or f.name in {"token", "slug"}:
                values = model._default_manager.values_list(f.attname, flat=True)[:50]
                words.update(str(v) for v in rng.sample(list(values), min(3, len(values))))
    return sorted(ids, key=int), pairs, sorted(words)


def app_labels() -> list[str]:
    return sorted({m._meta.app_label for m in apps.get_models()})


def instances(name: str, params: list[str], pool, rng: random.Random) -> list[str]:
    """Concrete URLs for a pattern: real ids first, then hostile ones (skipping non-matches)."""
    ids, pairs, words = pool
    hostile = [HUGE, "0", "abc", LONG[:300], "ö-slug", "../../etc/passwd"]
    candidates = []
    for _ in range(12):
        if len(params) == 2 and pairs and rng.random() < 0.6:
            values = list(rng.choice(pairs))
        else:
            values = []
            for p in params:
                if p == "app_label":
                    values.append(rng.choice(app_labels()))
                elif rng.random() < 0.7:
                    values.append(rng.choice(ids + words + ["csv", "json", "xlsx"]))
                else:
                    values.append(rng.choice(hostile))
        candidates.append(dict(zip(params, values, strict=True)))
    urls = []
    for kwargs in [{}] if not params else candidates:
        positional = [v for k, v in kwargs.items() if k.startswith("_")]
        try:
            url = reverse(name, args=positional) if positional else reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        if url not in urls:
            urls.append(url)
        if len(urls) >= INSTANCES_PER_URL:
            break
    return urls


# --- What to send ---------------------------------------------------------------------------


def hostile_for(spec: dict, rng: random.Random):
    kind = spec["type"]
    if kind == "date":
        return rng.choice(HOSTILE_DATE)
    if kind == "time":
        return rng.choice(HOSTILE_TIME)
    if kind in {"number", "select", "radio", "checkbox", "hidden"}:
        choice = rng.choice(HOSTILE_NUMBER + [LONG])
        if spec.get("multiple") or kind == "checkbox":
            return [choice, rng.choice(HOSTILE_NUMBER)]
        return choice
    if kind == "file":
        return upload(rng, hostile=True)
    return rng.choice(HOSTILE_ANY)


def natural_for(spec: dict, rng: random.Random):
    kind, values = spec["type"], spec["values"]
    if kind == "file":
        return upload(rng, hostile=False)
    if kind == "date":
        return "2026-10-15"
    if kind == "time":
        return "10:00"
    if kind == "email":
        return "fuzz@example.invalid"
    if kind == "url":
        return "https://example.invalid/"
    if values:
        if spec.get("multiple") or kind == "checkbox":
            return rng.sample(values, min(2, len(values)))
        return rng.choice(values)
    return "Fuzz"


def upload(rng: random.Random, hostile: bool) -> SimpleUploadedFile:
    if hostile:
        name = rng.choice(["a" * 240 + ".pdf", "ö" * 300 + ".txt", ".pdf", "x.exe", "a/../b.pdf"])
        content_type = rng.choice(["application/" + "x" * 300, "", "text/plain"])
    else:
        name, content_type = "underlag.pdf", "application/pdf"
    return SimpleUploadedFile(name, b"%PDF-1.4\n% fuzz\n", content_type=content_type)


ID_LIKE = {"hidden", "submit", "select", "number", "radio", "checkbox"}
# Values for one field at a time: what a hand-edited form or a script sends instead of an id.
NOT_AN_ID = ["abc", "-1", "1.5", "", LONG, "9999-12-31", HUGE]


def form_payloads(form: Form, rng: random.Random) -> list[dict]:
    """All visible fields hostile at once (the hidden ones that route the post stay as they
    were), then single fields hostile, the rest as the page filled them."""
    names = [n for n in form.fields if n != "csrfmiddlewaretoken"]
    if not names:
        return [{}]
    natural = {n: natural_for(form.fields[n], rng) for n in names}
    payloads = [
        {
            n: natural[n]
            if form.fields[n]["type"] == "hidden"
            else hostile_for(form.fields[n], rng)
            for n in names
        }
    ]
    for n in rng.sample(names, min(POSTS_PER_FORM - 1, len(names))):
        if form.fields[n]["type"] in ID_LIKE:
            value = rng.choice(NOT_AN_ID[:4]) if rng.random() < 0.8 else rng.choice(NOT_AN_ID)
        else:
            value = hostile_for(form.fields[n], rng)
        payloads.append({**natural, n: value})
    return payloads


def query_payloads(keys: list[str], rng: random.Random) -> list[dict]:
    keys = sorted(set(keys))
    if not keys:
        return []
    return [{k: rng.choice(HOSTILE_ANY[:-3] + [HUGE, "9999-12-31"]) for k in keys}]


# --- What must hold -------------------------------------------------------------------------


def count_rows() -> tuple[int, ...]:
    tables = [
        t
        for t in connection.introspection.table_names()
        if not t.startswith(UNTRACKED_TABLE_PREFIXES)
    ]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables))
        return tuple(cursor.fetchone())


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


class Writes:
    """Tells whether the SQL since the last look wrote to a tracked table.

    Counting every table's rows around every request was most of this test's time; rows cannot
    change without an INSERT, UPDATE or DELETE on this connection (the test client runs each view
    in this thread), so the tables are counted again only after a request that sent one. A
    statement that was rolled back still counts as a write: then the rows are counted and
    compared, as before every request earlier."""

    def __init__(self) -> None:
        self.dirty = True
        self.rows: tuple[int, ...] = ()

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and not match.group(1).startswith(UNTRACKED_TABLE_PREFIXES):
            self.dirty = True
        return execute(sql, params, many, context)

    def rows_now(self) -> tuple[int, ...]:
        if self.dirty:
            self.rows, self.dirty = count_rows(), False
        return self.rows


class SavedFiles:
    """The names the file storage saved, so a refused request's new files are found without
    walking the media directory around every request."""

    def __init__(self, monkeypatch) -> None:
        self.names: list[str] = []
        original = FileSystemStorage._save

        def _save(storage, name, content):
            saved = original(storage, name, content)
            self.names.append(saved)
            return saved

        monkeypatch.setattr(FileSystemStorage, "_save", _save)

    def since(self, mark: int, root: Path) -> list[str]:
        return [n for n in self.names[mark:] if (root / n).exists()]


def media_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def referenced_files() -> set[str]:
    names = set()
    for model in apps.get_models():
        for f in model._meta.fields:
            if isinstance(f, models.FileField):
                names.update(
                    n for n in model._default_manager.values_list(f.attname, flat=True) if n
                )
    return names


@dataclass
class Report:
    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def check(self, role, method, url, data, response, writes=None, before_rows=None, new_files=()):
        self.requests += 1
        where = f"{role} {method} {url[:120]} {summarize(data)}"
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            detail = f"{exc[0].__name__}: {str(exc[1])[:150]} at {our_frame(exc[2])}" if exc else ""
            self.failures.append(f"{response.status_code} {where} {detail}")
        elif writes is not None and response.status_code >= 400:
            if writes.rows_now() != before_rows:
                self.failures.append(f"half-written rows after {response.status_code}: {where}")
            if new_files:
                self.failures.append(f"orphan file after {response.status_code}: {where}")


def our_frame(tb) -> str:
    """The innermost frame of the project's own code (not a library's) in a traceback."""
    frames = [(f.f_code.co_filename, n) for f, n in traceback.walk_tb(tb)]
    ours = [f"{Path(f).name}:{n}" for f, n in frames if "site-packages" not in f]
    return " < ".join(([f"{Path(f).name}:{n}" for f, n in frames[-2:]] + ours[-1:])[::-1])


def summarize(data) -> str:
    if not data:
        return ""
    parts = []
    for k, v in list(data.items())[:6]:
        text = v.name if isinstance(v, SimpleUploadedFile) else str(v)
        parts.append(f"{k}={text[:20]!r}")
    return "{" + ", ".join(parts) + "}"


def run(roles: dict[str, str | None], *, settings, tmp_path, monkeypatch) -> None:
    """Walk every route as each of `roles` (label → username, None for anonymous) over the demo
    with its meetings and cases, then read every parameterless page again; fail on any 5xx,
    half-written rows or orphan files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    writes, saved = Writes(), SavedFiles(monkeypatch)
    load_meeting_demo()
    load_case_demo()
    rng = random.Random(SEED)
    pool = id_pool(rng)
    routes = sorted(url_patterns())
    report = Report()

    with connection.execute_wrapper(writes):
        _walk(roles, routes, pool, rng, report, writes, saved, settings.MEDIA_ROOT)

    # Stored hostile data must not break pages either: read every parameterless page again.
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="koordinator"))
    for name, params in routes:
        if not params:
            for c in (client, Client(raise_request_exception=False)):
                url = reverse(name)
                report.check("efteråt", "GET", url, None, c.get(url))

    orphans = media_files(settings.MEDIA_ROOT) - referenced_files()
    print(f"\nfuzz: {report.requests} requests, {len(report.failures)} failures")
    if out := os.environ.get("FUZZ_REPORT"):
        Path(out).write_text("\n".join(report.failures))
    assert not orphans, f"files without a row: {sorted(orphans)[:5]}"
    assert not report.failures, "\n".join(itertools.islice(report.failures, 40))


def _walk(roles, routes, pool, rng, report: Report, writes: Writes, saved: SavedFiles, media: Path):
    """Every route as every role: GET it, hostile queries, hostile posts to its forms."""
    for role, username in roles.items():
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        posted: set[tuple] = set()
        for name, params in routes:
            forms_posted = 0
            for url in instances(name, params, pool, rng):
                response = client.get(url)
                report.check(role, "GET", url, None, response)
                if response.status_code in {301, 302} and "logga-in" in response.get(
                    "Location", ""
                ):
                    continue  # not signed in as someone who may see this page
                page = (
                    _parse(response.content.decode(errors="replace"))
                    if response.get("Content-Type", "").startswith("text/html")
                    else PageParser()
                )
                query_keys = GENERIC_QUERY_KEYS + [
                    k for q in page.link_queries for k, _ in parse_qsl(q, keep_blank_values=True)
                ]
                query_keys += [n for f in page.forms if f.method == "get" for n in f.fields]
                for query in query_payloads(query_keys, rng):
                    report.check(role, "GET", url, query, client.get(url, query))
                forms = [f for f in page.forms if f.method == "post"]
                rng.shuffle(forms)
                if response.status_code == 405:
                    forms = [Form("post", "", {k: {"type": "text", "values": []} for k in "ab"})]
                for form in forms:
                    target = urljoin(url, form.action) if form.action else url
                    if urlsplit(target).netloc:
                        continue
                    try:
                        target_name = resolve(urlsplit(target).path).url_name
                    except Resolver404:
                        continue
                    key = (urlsplit(target).path, tuple(sorted(form.fields)))
                    if target_name in NEVER_POST or key in posted:
                        continue
                    if forms_posted >= FORMS_PER_URL:
                        break
                    posted.add(key)
                    forms_posted += 1
                    for payload in form_payloads(form, rng):
                        rows, mark = writes.rows_now(), len(saved.names)
                        response = client.post(target, payload)
                        new_files = saved.since(mark, media)
                        report.check(
                            role, "POST", target, payload, response, writes, rows, new_files
                        )
