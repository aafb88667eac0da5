"""The bench's URLconf: the project's URLs, plus one trivial view served through the same
middleware, the baseline every page is compared with."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("__bench__/bare/", bare, name="bench_bare"),
    path("", include("samverkan.urls")),
]
