from django.urls import path

from backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("staff/", views.home, name="home"),
    path("staff/<slug:institution_slug>/", views.queue, name="queue"),
    path("staff/<slug:institution_slug>/audit/", views.audit_trail, name="audit"),
    path("staff/<slug:institution_slug>/translations/", views.translations, name="translations"),
    path("staff/<slug:institution_slug>/offices/", views.offices, name="offices"),
    path("staff/<slug:institution_slug>/outbox/", views.outbox, name="outbox"),
    path("staff/<slug:institution_slug>/people/", views.staff_list, name="staff"),
    path("staff/<slug:institution_slug>/people/<int:pk>/withdraw/", views.staff_revoke, name="staff_revoke"),
    path("staff/<slug:institution_slug>/person/", views.person_lookup, name="person"),
    path("staff/<slug:institution_slug>/associations/", views.associations, name="associations"),
    path(
        "staff/<slug:institution_slug>/associations/<str:public_id>/verify/",
        views.association_verify_view,
        name="association_verify",
    ),
]
