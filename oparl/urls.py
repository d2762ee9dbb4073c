"""/oparl/v1/: the system, its bodies (one per panel), each body's lists and objects. An
object's id is its URL, named by public keys (a meeting's date, an item's number on the
published agenda, a decision's number, a municipal year)."""

from django.urls import path

import meetings.urls  # noqa: F401  (registers "itemno", the converter of item numbers)

from . import views

MEETING = "body/<slug:panel_slug>/meeting/<slug:meeting_slug>"
ITEM = f"{MEETING}/item-<itemno:number>"

urlpatterns = [
    path("system", views.system, name="system"),
    path("bodies", views.bodies, name="bodies"),
    path("body/<slug:panel_slug>", views.body, name="body"),
    path("body/<slug:panel_slug>/<str:kind>", views.listing, name="list"),
    path(
        "body/<slug:panel_slug>/organization/<slug:body_slug>",
        views.one("organizations"),
        name="organization",
    ),
    path("body/<slug:panel_slug>/person/<slug:person_slug>", views.one("people"), name="person"),
    path(
        "body/<slug:panel_slug>/membership/<id:membership_id>",
        views.one("memberships"),
        name="membership",
    ),
    path(
        "body/<slug:panel_slug>/legislative-term/<str:year>",
        views.one("legislative-terms"),
        name="legislative-term",
    ),
    path(MEETING, views.one("meetings"), name="meeting"),
    path(f"{MEETING}/location", views.one("locations"), name="location"),
    path(f"{MEETING}/pack", views.one("files"), name="pack-file"),
    path(f"{MEETING}/minutes", views.one("files"), name="minutes-file"),
    path(ITEM, views.one("agenda-items"), name="agenda-item"),
    path(f"{ITEM}/report", views.one("papers"), name="report"),
    path(f"{ITEM}/consultation", views.one("consultations"), name="consultation"),
    path(f"{ITEM}/appendix-<str:letter>", views.one("files"), name="appendix-file"),
    path("body/<slug:panel_slug>/decision/<id:number>", views.one("papers"), name="decision"),
    path(
        "body/<slug:panel_slug>/decision/<id:number>/file-<id:file_id>",
        views.one("files"),
        name="decision-file",
    ),
    path(
        "body/<slug:panel_slug>/case/<id:number>/document-<id:document_id>",
        views.one("files"),
        name="case-document",
    ),
    path(
        "body/<slug:panel_slug>/case/<id:number>/report-<slug:stage>",
        views.one("papers"),
        name="statutory-report",
    ),
]
