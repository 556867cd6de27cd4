"""URLs of the desk's people pages (included by frontdesk/urls.py)."""

from django.urls import URLPattern, path

from frontdesk.views import people, visits

PERSON = "staff/<slug:institution_slug>/people/<uuid:public_id>/"

urlpatterns: list[URLPattern] = [
    path("staff/<slug:institution_slug>/people/find/", people.person_search_view, name="people"),
    path("staff/<slug:institution_slug>/people/new/", visits.person_new, name="person_new"),
    path(PERSON, people.person_detail, name="person"),
    path(PERSON + "file/information/", visits.file_information, name="file_information"),
    path("staff/<slug:institution_slug>/desk/visits/<str:public_id>/", visits.visit_receipt, name="visit"),
    path("staff/<slug:institution_slug>/desk/visits/<str:public_id>/code/", visits.visit_new_code, name="visit_code"),
    path("claim/", visits.claim, name="claim"),
    path(PERSON + "act/", visits.act_start, name="act_start"),
    path("desk/acting/stop/", visits.act_stop, name="act_stop"),
    path(PERSON + "consent/", people.person_consent, name="person_consent"),
    path(PERSON + "consent/end/", people.person_consent_end, name="person_consent_end"),
    path(PERSON + "identity/", people.person_identity_check, name="person_identity_check"),
    path(PERSON + "identity/<int:pk>/revoke/", people.person_identity_revoke, name="person_identity_revoke"),
]
