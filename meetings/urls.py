"""The meetings URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "meetings" namespace (pages) and "api:meetings" (API).
"""

from django.urls import path, register_converter

from . import api, feeds, manage_views, views
from .converters import ItemNumberConverter

register_converter(ItemNumberConverter, "itemno")

pages = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings.ics", feeds.icalendar_feed, name="meetings-ics"),
    path("attendance/", views.attendance, name="attendance"),
    path("attendance.csv", views.attendance_csv, name="attendance-csv"),
    path("bodies/<slug:body_slug>/meetings.ics", feeds.icalendar_feed, name="body-ics"),
    path("feeds/agendas/", feeds.AgendaFeed(), name="agenda-feed"),
    path("feeds/minutes/", feeds.MinutesFeed(), name="minutes-feed"),
    path("meetings/<slug:meeting_slug>/", views.meeting_detail, name="meeting"),
    path(
        "meetings/<slug:meeting_slug>/minutes/<id:number>/",
        views.minutes_version,
        name="minutes-version",
    ),
    # Item addresses by database id, before items were addressed by number: redirected.
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/",
        views.item_moved,
        name="item-by-id",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/<str:rest>/",
        views.item_moved,
        name="item-by-id-part",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/appendix-<str:letter>/restricted/",
        views.item_moved,
        name="appendix-by-id",
    ),
    path(
        "meetings/<slug:meeting_slug>/item-<itemno:number>/",
        views.item_detail,
        name="item",
    ),
    path(
        "meetings/<slug:meeting_slug>/item-<itemno:number>/pdf/",
        views.item_pdf,
        name="item-pdf",
    ),
    path(
        "meetings/<slug:meeting_slug>/item-<itemno:number>/restricted/",
        views.restricted,
        name="item-restricted",
    ),
    path(
        "meetings/<slug:meeting_slug>/item-<itemno:number>/appendix-<str:letter>/restricted/",
        views.restricted,
        name="appendix-restricted",
    ),
    path(
        "meetings/<slug:meeting_slug>/pack/<str:audience>.pdf",
        views.pack_download,
        name="pack",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/pack/",
        manage_views.pack_generate,
        name="pack-generate",
    ),
    path(
        "meetings/<slug:meeting_slug>/files/<id:file_id>/",
        views.file_download,
        name="file",
    ),
    path("manage/meetings/new/", manage_views.meeting_create, name="meeting-create"),
    path("manage/records/", manage_views.records, name="records"),
    path(
        "manage/records/<slug:meeting_slug>/<str:action>/",
        manage_views.records_action,
        name="records-action",
    ),
    path("manage/standing-items/", manage_views.standing_items, name="standing-items"),
    path(
        "manage/standing-items/<id:standing_id>/",
        manage_views.standing_item,
        name="standing-item",
    ),
    path("manage/meetings/<slug:meeting_slug>/", manage_views.meeting_edit, name="meeting-edit"),
    path(
        "manage/meetings/<slug:meeting_slug>/status/",
        manage_views.meeting_status,
        name="meeting-status",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/new/",
        manage_views.item_add,
        name="item-add",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<id:item_id>/",
        manage_views.item_edit,
        name="item-edit",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<id:item_id>/action/",
        manage_views.item_action,
        name="item-action",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/publish/",
        manage_views.agenda_publish,
        name="agenda-publish",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/",
        manage_views.minutes_edit,
        name="minutes-edit",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/urgent/",
        manage_views.minutes_urgent,
        name="minutes-urgent",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/resolutions/<id:resolution_id>/vote/",
        manage_views.resolution_vote,
        name="resolution-vote",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/<str:action>/",
        manage_views.minutes_action,
        name="minutes-action",
    ),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("meetings/", api.MeetingListApi.as_view(), name="meetings"),
    path("meetings/<slug:meeting_slug>/", api.MeetingDetailApi.as_view(), name="meeting"),
    path(
        "meetings/<slug:meeting_slug>/items/",
        api.ItemCreateApi.as_view(),
        name="item-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/publish/",
        api.AgendaPublishApi.as_view(),
        name="agenda-publish",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/report/",
        api.ReportUpdateApi.as_view(),
        name="report",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/appendices/",
        api.AppendixCreateApi.as_view(),
        name="appendix-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/withdrawal/",
        api.ItemWithdrawalApi.as_view(),
        name="item-withdrawal",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<id:item_id>/minute/",
        api.MinuteUpdateApi.as_view(),
        name="minute",
    ),
    path(
        "meetings/<slug:meeting_slug>/attendance/",
        api.AttendanceCreateApi.as_view(),
        name="attendance-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/declarations/",
        api.DeclarationCreateApi.as_view(),
        name="declaration-create",
    ),
]
