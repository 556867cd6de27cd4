from django.urls import path

from cases.files import private_file
from information.views import citizen, public, staff

app_name = "information"

urlpatterns = [
    # Public
    path("information/", public.index, name="index"),
    path("information/publications/", public.library, name="library"),
    path("information/publications/<str:public_id>/", public.publication_detail, name="publication"),
    path("information/institutions/<slug:slug>/scheme/", public.scheme, name="scheme"),
    path("information/institutions/<slug:slug>/feed.atom", public.InstitutionFeed(), name="feed"),
    path("information/requests/", public.request_log, name="log"),
    path("information/requests/<str:public_id>/", public.request_public, name="public"),
    path("information/requests/<str:public_id>/follow/", public.follow, name="follow"),
    path("information/requests/<str:public_id>/report/", public.report, name="report"),
    path("information/statistics/", public.statistics, name="statistics"),
    path("information/files/<str:file_id>/", private_file, {"source": "information.answer"}, name="answer_file"),
    path(
        "information/documents/<str:file_id>/",
        private_file,
        {"source": "information.publication"},
        name="publication_file",
    ),
    # The requester
    path("information/ask/", citizen.request_new, name="new"),
    path("information/mine/<str:public_id>/", citizen.mine, name="mine"),
    path("information/mine/<str:public_id>/received/", citizen.confirmation, name="confirmation"),
    path("information/mine/<str:public_id>/receipt.pdf", citizen.receipt_pdf, name="receipt"),
    path("information/mine/<str:public_id>/clarification/", citizen.clarification, name="clarification"),
    path("information/mine/<str:public_id>/withdraw/", citizen.withdraw, name="withdraw"),
    path("information/mine/<str:public_id>/complaint/", citizen.complaint, name="complaint"),
    path("information/mine/<str:public_id>/appeal/", citizen.appeal, name="appeal"),
    path("information/mine/<str:public_id>/appeal.pdf", citizen.appeal_pdf, name="appeal_pdf"),
    # Staff
    path("staff/<slug:institution_slug>/information/", staff.inbox, name="staff_inbox"),
    path("staff/<slug:institution_slug>/information/<str:public_id>/", staff.request_detail, name="staff_request"),
    path(
        "staff/<slug:institution_slug>/information/<str:public_id>/<slug:action>/",
        staff.request_action,
        name="staff_action",
    ),
    path("staff/<slug:institution_slug>/publications/", staff.publications, name="staff_publications"),
    path("staff/<slug:institution_slug>/publications/new/", staff.publication_edit, name="staff_publication_new"),
    path(
        "staff/<slug:institution_slug>/publications/<str:public_id>/",
        staff.publication_edit,
        name="staff_publication_edit",
    ),
    path(
        "staff/<slug:institution_slug>/publications/<str:public_id>/withdraw/",
        staff.publication_withdraw,
        name="staff_publication_withdraw",
    ),
    path("staff/<slug:institution_slug>/personal-data-reports/", staff.data_reports, name="staff_reports"),
    path(
        "staff/<slug:institution_slug>/personal-data-reports/<str:public_id>/handled/",
        staff.data_report_handle,
        name="staff_report_handle",
    ),
    path("staff/<slug:institution_slug>/complaints/", staff.complaints, name="staff_complaints"),
    path("staff/<slug:institution_slug>/complaints/<str:public_id>/", staff.complaint_detail, name="staff_complaint"),
]
