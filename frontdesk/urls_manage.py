"""URLs of the desk's manage pages (included by frontdesk/urls.py): an office's set-up by its institution's admins."""

from django.urls import URLPattern, path

from frontdesk.views import manage

SETUP = "staff/<slug:institution_slug>/offices/<slug:office_slug>/setup/"

urlpatterns: list[URLPattern] = [
    path(SETUP, manage.office, name="manage_office"),
    path(f"{SETUP}hours/", manage.hours, name="manage_hours"),
    path(f"{SETUP}hours/<int:pk>/remove/", manage.hours_remove, name="manage_hours_remove"),
    path(f"{SETUP}closures/", manage.closures, name="manage_closures"),
    path(f"{SETUP}closures/<int:pk>/remove/", manage.closure_remove, name="manage_closure_remove"),
    path(f"{SETUP}counters/", manage.counters, name="manage_counters"),
    path(f"{SETUP}counters/<int:pk>/in-use/", manage.counter_in_use, name="manage_counter_in_use"),
    path(f"{SETUP}services/", manage.services, name="manage_services"),
    path(f"{SETUP}services/new/", manage.service_add, name="manage_service_add"),
    path(f"{SETUP}services/<int:pk>/", manage.service_edit, name="manage_service_edit"),
    path(f"{SETUP}services/<int:pk>/offered/", manage.service_offered, name="manage_service_offered"),
]
