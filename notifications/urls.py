from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("me/messages/", views.inbox, name="inbox"),
    path("me/messages/<int:pk>/open/", views.open_notification, name="open"),
    path("me/messages/read-all/", views.mark_all_read, name="mark_all_read"),
    path("me/messages/preferences/", views.preferences, name="preferences"),
]
