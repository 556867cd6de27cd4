"""An appointment as a calendar file (RFC 5545), for the person's own calendar."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event

from frontdesk.models import Appointment, AppointmentState


def appointment_ics(appointment: Appointment, *, page_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Citizen Office//Appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if appointment.state == AppointmentState.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", f"appointment-{appointment.public_id}@citizen-office")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", f"{appointment.service} — {appointment.office}")
    event.add("location", str(appointment.office.address))
    event.add("description", f"{appointment.code}\n{page_url}")
    event.add("url", page_url)
    if appointment.state == AppointmentState.CANCELLED:
        event.add("status", "CANCELLED")
    if appointment.office.latitude is not None and appointment.office.longitude is not None:
        event.add("geo", (float(appointment.office.latitude), float(appointment.office.longitude)))
    calendar.add_component(event)
    return calendar.to_ical()
