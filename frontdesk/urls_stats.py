"""URLs of the office managers' figures and the visitors' ratings (included by frontdesk/urls.py)."""

from django.urls import URLPattern, path

from frontdesk.views import figures, ratings

urlpatterns: list[URLPattern] = [
    path(
        "staff/<slug:institution_slug>/desk/offices/<slug:office_slug>/figures/",
        figures.office_figures_view,
        name="office_figures",
    ),
    path("tickets/<str:public_id>/rate/", ratings.ticket_rate, name="ticket_rate"),
    path("offices/<slug:office_slug>/kiosk/rate/", ratings.kiosk_rate, name="kiosk_rate"),
]
