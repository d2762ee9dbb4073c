"""The search URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "search" namespace (pages) and "api:search" (API).
"""

from django.urls import URLPattern, path

from . import feeds, views

pages = [
    path("search/", views.search, name="search"),
    path("search/feed/", feeds.feed, name="feed"),
]

api: list[URLPattern] = []
