"""URLs of the office managers' figures and the visitors' ratings (included by frontdesk/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
