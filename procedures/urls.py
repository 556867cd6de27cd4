from django.urls import path

from procedures import views

app_name = "procedures"

urlpatterns = [
    path("procedures/", views.catalogue_view, name="catalogue"),
    path("procedures/<slug:institution_slug>/<slug:slug>/", views.procedure_view, name="detail"),
    path("procedures/<slug:institution_slug>/<slug:slug>/where/", views.procedure_where, name="where"),
    path("staff/<slug:institution_slug>/procedures/", views.staff_procedures, name="staff"),
    path("staff/<slug:institution_slug>/procedures/adopt/<str:public_id>/", views.staff_adopt, name="staff_adopt"),
    path("staff/<slug:institution_slug>/procedures/<str:public_id>/", views.staff_edit, name="staff_edit"),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/publish/", views.staff_publish, name="staff_publish"
    ),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/withdraw/",
        views.staff_withdraw,
        name="staff_withdraw",
    ),
]
