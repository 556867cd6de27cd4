"""URLs of the desk's people pages (included by frontdesk/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
