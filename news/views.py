"""News and the shared pages: public reading, the coordinator's forms (one POST view each)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import ConfirmForm, act_on_confirm, submit
from lib.pagination import paginate
from news import services
from news.forms import TextForm
from news.models import NewsItem, Page

NEWS_PER_PAGE = 10  # news items are long: fewer to a page than a list of rows
MANAGE_PER_PAGE = 25  # the coordinator's list is one row per item

# The shared pages the structure keeps (R-K2); a coordinator writes each one.
PAGES = {
    "riktlinjer": "Riktlinjer",
    "vardegrund": "Gemensam värdegrund",
    "mal": "Mål",
    "framtidsbild": "Framtidsbild",
}


def news_list(request):
    page = paginate(request, NewsItem.objects.order_by("-published_at"), NEWS_PER_PAGE)
    return render(
        request,
        "news/list.html",
        {
            "page": page,
            "pages": Page.objects.all(),
            "may_publish": permissions.can_publish(request.user),
        },
    )


def news_detail(request, pk: int):
    return render(request, "news/detail.html", {"item": get_object_or_404(NewsItem, pk=pk)})


def _publisher(request) -> None:
    permissions.require_or_404(permissions.can_publish(request.user))


@login_required
def news_new(request):
    _publisher(request)
    return render(request, "news/form.html", {"form": TextForm(), "action": "news:create"})


@login_required
@require_POST
def news_create(request):
    _publisher(request)
    form = TextForm(request.POST)
    item = submit(form, lambda values: services.publish_news(by=request.user, **values))
    if item is not None:
        messages.success(request, "Nyheten är publicerad.")
        return redirect(item)
    return render(request, "news/form.html", {"form": form, "action": "news:create"}, status=400)


def page_detail(request, slug: str):
    if slug not in PAGES:
        raise Http404
    page = Page.objects.filter(slug=slug).first()
    return render(
        request,
        "news/page.html",
        {
            "page": page,
            "slug": slug,
            "title": page.title if page else PAGES[slug],
            "may_publish": permissions.can_publish(request.user),
        },
    )


@login_required
def page_edit(request, slug: str):
    _publisher(request)
    if slug not in PAGES:
        raise Http404
    page = Page.objects.filter(slug=slug).first()
    initial = {"title": page.title, "body": page.body} if page else {"title": PAGES[slug]}
    return render(request, "news/page_form.html", {"form": TextForm(initial=initial), "slug": slug})


@login_required
@require_POST
def page_save(request, slug: str):
    _publisher(request)
    if slug not in PAGES:
        raise Http404
    form = TextForm(request.POST)
    page = submit(form, lambda values: services.save_page(by=request.user, slug=slug, **values))
    if page is not None:
        messages.success(request, "Sidan är sparad.")
        return redirect(page)
    return render(request, "news/page_form.html", {"form": form, "slug": slug}, status=400)


# --- The coordinator's list: news and pages kept without the admin (R-K1, R-K2) -------------


@login_required
def manage(request):
    _publisher(request)
    items = NewsItem.objects.only("pk", "title", "published_at").order_by("-published_at", "-pk")
    pages = {page.slug: page for page in Page.objects.only("slug", "title", "updated_at")}
    return render(
        request,
        "news/manage.html",
        {
            "page": paginate(request, items, MANAGE_PER_PAGE),
            "shared_pages": [(slug, title, pages.get(slug)) for slug, title in PAGES.items()],
        },
    )


@login_required
def news_edit(request, pk: int):
    _publisher(request)
    item = get_object_or_404(NewsItem, pk=pk)
    form = TextForm(initial={"title": item.title, "body": item.body})
    return render(request, "news/edit.html", {"form": form, "item": item})


@login_required
@require_POST
def news_update(request, pk: int):
    _publisher(request)
    item = get_object_or_404(NewsItem, pk=pk)
    form = TextForm(request.POST)
    edited = submit(form, lambda values: services.edit_news(by=request.user, item=item, **values))
    if edited is not None:
        messages.success(request, "Nyheten är ändrad.")
        return redirect(edited)
    return render(request, "news/edit.html", {"form": form, "item": item}, status=400)


@login_required
def news_withdraw_confirm(request, pk: int):
    _publisher(request)
    item = get_object_or_404(NewsItem, pk=pk)
    return render(request, "news/withdraw.html", {"item": item, "form": ConfirmForm()})


@login_required
@require_POST
def news_withdraw(request, pk: int):
    _publisher(request)
    item = get_object_or_404(NewsItem, pk=pk)
    return act_on_confirm(
        request,
        lambda: services.withdraw_news(by=request.user, item=item),
        page="news/withdraw.html",
        context={"item": item},
        done=f"Nyheten ”{item.title}” är borttagen.",
        then="news:manage",
    )
