"""The plan's URLs: its public pages and downloads under /<panel>/plan/, the office's and the
clerk's screens under /<panel>/manage/plan/, the API under /api/panels/<panel>/plans/.

Included by config/urls.py in the "performance" namespace (pages) and "api:performance" (API).
"""

from django.urls import path

from . import api, views

P = "plan/<slug:plan_slug>/"
M = "manage/plan/<slug:plan_slug>/"

pages = [
    path("plan/", views.plans, name="plans"),
    path(P, views.plan, name="plan"),
    path(P + "priorities/<slug:slug>/", views.priority, name="priority"),
    path(P + "priorities/<slug:slug>/questions/", views.question_raise, name="question-raise"),
    path(P + "measures/<slug:slug>/", views.measure, name="measure"),
    path(P + "measures/<slug:slug>/data.csv", views.measure_csv, name="measure-csv"),
    path(P + "money/", views.money, name="money"),
    path(P + "data.csv", views.data_csv, name="data-csv"),
    path(P + "data.json", views.data_json, name="data-json"),
    path(P + "quarters/<str:key>/", views.quarter, name="quarter"),
    path("manage/plan/new/", views.plan_create, name="plan-create"),
    path(M, views.plan_manage, name="plan-manage"),
    path(M + "returns/", views.returns, name="returns"),
    path(M + "returns/<str:key>/", views.return_edit, name="return-edit"),
    path(M + "returns/<str:key>/csv/", views.return_csv, name="return-csv"),
    path(M + "returns/<str:key>/<slug:step>/", views.return_step, name="return-step"),
    path(M + "<slug:what>/", views.plan_change, name="plan-change"),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("plans/", api.PlanListApi.as_view(), name="plans"),
    path("plans/<slug:plan_slug>/", api.PlanDetailApi.as_view(), name="plan"),
    path("plans/<slug:plan_slug>/figures/", api.FigureListApi.as_view(), name="figures"),
    path("plans/<slug:plan_slug>/returns/", api.ReturnListApi.as_view(), name="returns"),
    path("plans/<slug:plan_slug>/returns/<str:key>/", api.ReturnDetailApi.as_view(), name="return"),
    path(
        "plans/<slug:plan_slug>/returns/<str:key>/csv/",
        api.ReturnCsvApi.as_view(),
        name="return-csv",
    ),
    path(
        "plans/<slug:plan_slug>/returns/<str:key>/<slug:step>/",
        api.ReturnStepApi.as_view(),
        name="return-step",
    ),
]
