from django.urls import path

from frontdesk import urls_manage, urls_people, urls_stats
from frontdesk.views import appointments, public, staff

app_name = "frontdesk"

urlpatterns = [
    path("offices/<slug:office_slug>/kiosk/", public.kiosk, name="kiosk"),
    path("offices/<slug:office_slug>/display/", public.display, name="display"),
    path("offices/<slug:office_slug>/display/feed.json", public.display_feed, name="display_feed"),
    path("offices/<slug:office_slug>/kiosk/check-in/", appointments.kiosk_check_in, name="kiosk_check_in"),
    path("offices/<slug:office_slug>/appointments/", appointments.book, name="book"),
    path("appointments/", appointments.offices_booking, name="offices_booking"),
    path("appointments/<str:public_id>/", appointments.appointment, name="appointment"),
    path("appointments/<str:public_id>/calendar.ics", appointments.appointment_calendar, name="appointment_ics"),
    path("appointments/<str:public_id>/cancel/", appointments.appointment_cancel_view, name="appointment_cancel"),
    path("appointments/<str:public_id>/move/", appointments.appointment_move_view, name="appointment_move"),
    path(
        "staff/<slug:institution_slug>/desk/appointments/", appointments.staff_appointments, name="staff_appointments"
    ),
    path("staff/<slug:institution_slug>/desk/appointments/book/", appointments.staff_book, name="staff_book"),
    path("tickets/<str:public_id>/", public.ticket, name="ticket"),
    path("tickets/<str:public_id>/status.json", public.ticket_status, name="ticket_status"),
    path("tickets/<str:public_id>/print/", public.ticket_print, name="ticket_print"),
    path("tickets/<str:public_id>/leave/", public.ticket_leave_view, name="ticket_leave"),
    path("staff/<slug:institution_slug>/desk/", staff.desk, name="desk"),
    path("staff/<slug:institution_slug>/desk/counters/<int:pk>/", staff.console, name="console"),
    path("staff/<slug:institution_slug>/desk/counters/<int:pk>/open/", staff.counter_open_view, name="counter_open"),
    path("staff/<slug:institution_slug>/desk/counters/<int:pk>/close/", staff.counter_close_view, name="counter_close"),
    path("staff/<slug:institution_slug>/desk/counters/<int:pk>/call-next/", staff.call_next, name="call_next"),
    path(
        "staff/<slug:institution_slug>/desk/counters/<int:pk>/tickets/<str:public_id>/<slug:action>/",
        staff.ticket_action,
        name="ticket_action",
    ),
    *urls_manage.urlpatterns,
    *urls_people.urlpatterns,
    *urls_stats.urlpatterns,
]
