from django.urls import path

from institutions import views

app_name = "institutions"

urlpatterns = [
    path("institutions/", views.directory, name="directory"),
    path("institutions/<slug:slug>/", views.institution_detail, name="detail"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
    path("holidays/", views.holidays, name="holidays"),
]
