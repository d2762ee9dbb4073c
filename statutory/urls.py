"""The statutory cases' URLs: the reports register and a case under /<panel>/, the OPCC's and
the clerk's screens under /<panel>/manage/cases/, the API under /api/panels/<panel>/cases/.

Included by config/urls.py in the "statutory" namespace (pages) and "api:statutory" (API).
"""

from django.urls import path

from . import api, views

pages = [
    path("reports-register/", views.register, name="register"),
    path("feeds/reports-register/", views.RegisterFeed(), name="register-feed"),
    path("reports-register/<id:number>/", views.case_detail, name="case"),
    path(
        "reports-register/<id:number>/documents/<id:document_id>/",
        views.document,
        name="case-document",
    ),
    path("manage/cases/notify/", views.notify, name="case-notify"),
    path("manage/cases/<id:number>/documents/", views.document_add, name="case-document-add"),
    path("manage/cases/<id:number>/report/", views.report, name="case-report"),
    path("manage/cases/<id:number>/respond/", views.respond, name="case-respond"),
    path("manage/cases/<id:number>/reserve/", views.reserve, name="case-reserve"),
    path("manage/cases/<id:number>/attendance/", views.attendance, name="case-attendance"),
    path("manage/cases/<id:number>/<str:step>/", views.step, name="case-step"),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("cases/", api.CaseListApi.as_view(), name="cases"),
    path("cases/<id:number>/", api.CaseDetailApi.as_view(), name="case"),
    path("cases/<id:number>/respond/", api.CaseRespondApi.as_view(), name="case-respond"),
    path("cases/<id:number>/reserve/", api.CaseReserveApi.as_view(), name="case-reserve"),
    path("cases/<id:number>/issue/", api.CaseIssueApi.as_view(), name="case-issue"),
]
