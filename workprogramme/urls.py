"""The workprogramme URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "workprogramme" namespace (pages) and "api:workprogramme" (API).
"""

from django.urls import path

from . import api, views

pages = [
    path("work-programme/", views.work_programme, name="work-programme"),
    path("actions/", views.tracker, name="actions"),
    path("actions.csv", views.tracker_csv, name="actions-csv"),
    path("actions/<id:action_id>/", views.action_detail, name="action"),
    path("manage/actions/new/", views.action_create, name="action-create"),
    path(
        "manage/resolutions/<id:resolution_id>/action/",
        views.action_from_resolution,
        name="action-from-resolution",
    ),
    path("manage/work-programme/new/", views.work_item_create, name="work-item-create"),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<id:item_id>/group-minutes/",
        views.attach_group_minutes,
        name="attach-group-minutes",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<id:item_id>/actions/",
        views.actions_from_item,
        name="actions-from-item",
    ),
    path(
        "manage/work-programme/<id:item_id>/<str:action>/",
        views.work_item_action,
        name="work-item-action",
    ),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("work-programme/", api.WorkItemListApi.as_view(), name="work-programme"),
    path("actions/", api.ActionListApi.as_view(), name="actions"),
    path("actions/<id:action_id>/", api.ActionDetailApi.as_view(), name="action"),
    path("actions/<id:action_id>/notes/", api.ActionNoteApi.as_view(), name="action-notes"),
]
