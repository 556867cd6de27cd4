"""URLs of the desk's manage pages (included by frontdesk/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
