"""Views for test_locked: each writes to the "lockdb" SQLite file the test sets up, whose write
lock the test can hold from another connection. The real site's URLs follow (the 503 page links
to them)."""

from django.db import connections, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

# calls: how often a view ran; users: who it ran for; hooks: call number -> what to do first.
STATE: dict = {}


def reset() -> None:
    STATE.clear()
    STATE.update(calls=0, users=[], hooks={})


def note(text: str) -> None:
    """One write in a transaction of its own (BEGIN IMMEDIATE)."""
    with transaction.atomic(using="lockdb"):
        connections["lockdb"].cursor().execute("INSERT INTO note (text) VALUES (%s)", [text])


def _run(request) -> int:
    STATE["calls"] += 1
    STATE["users"].append(request.user.get_username())
    return STATE["calls"]


def _hook(name: str, call: int) -> None:
    hook = STATE["hooks"].get((name, call))
    if hook:
        hook()


@csrf_exempt
def write(request):
    call = _run(request)
    _hook("before", call)
    note("sparat")
    return HttpResponse("sparat")


@csrf_exempt
def look(request):
    _run(request)
    return HttpResponse("inget sparat")


@csrf_exempt
def commit_then_write(request):
    """Commits one row outside any transaction, then writes again in a transaction."""
    call = _run(request)
    connections["lockdb"].cursor().execute("INSERT INTO note (text) VALUES ('först')")
    _hook("after_commit", call)
    note("sedan")
    return HttpResponse("sparat")


@csrf_exempt
def other_error(request):
    _run(request)
    connections["lockdb"].cursor().execute("INSERT INTO no_such_table VALUES (1)")
    return HttpResponse("")


class WriteAfterViewMiddleware:
    """Like the audit middleware: writes a row after the view has answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.endswith("/efter-vyn/"):
            _hook("after_view", STATE["calls"])
            note("efter vyn")
        return response


urlpatterns = [
    path("test-las/skriv/", write),
    path("test-las/skriv/efter-vyn/", write),
    path("test-las/titta/efter-vyn/", look),
    path("test-las/committa-och-skriv/", commit_then_write),
    path("test-las/annat-fel/", other_error),
    path("", include("samverkan.urls")),
]
