from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("nyheter/", views.news_list, name="list"),
    path("nyheter/rss.xml", feeds.NewsFeed(), name="rss"),
    path("nyheter/atom.xml", feeds.AtomNewsFeed(), name="atom"),
    path("nyheter/ny/", views.news_new, name="new"),
    path("nyheter/ny/publicera/", views.news_create, name="create"),
    path("nyheter/<int:pk>/", views.news_detail, name="detail"),
    path("nyheter/hantera/", views.manage, name="manage"),
    path("nyheter/<int:pk>/andra/", views.news_edit, name="edit"),
    path("nyheter/<int:pk>/andra/spara/", views.news_update, name="update"),
    path("nyheter/<int:pk>/ta-bort/", views.news_withdraw_confirm, name="withdraw_confirm"),
    path("nyheter/<int:pk>/ta-bort/bekrafta/", views.news_withdraw, name="withdraw"),
    path("sidor/<slug:slug>/", views.page_detail, name="page"),
    path("sidor/<slug:slug>/redigera/", views.page_edit, name="page_edit"),
    path("sidor/<slug:slug>/redigera/spara/", views.page_save, name="page_save"),
]
