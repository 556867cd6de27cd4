from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.my_office, name="my_office"),
    path("search/", views.search, name="search"),
]
