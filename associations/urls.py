from django.urls import path

from associations import views

app_name = "associations"

urlpatterns = [
    path("me/associations/", views.my_associations, name="list"),
    path("me/associations/new/", views.association_new, name="new"),
    path("me/associations/<str:public_id>/", views.association_detail, name="detail"),
]
