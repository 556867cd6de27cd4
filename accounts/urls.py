from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    # Ahead of allauth's own /accounts/signup/ (citizen_office/urls.py includes this module first).
    path("accounts/signup/", views.signup, name="signup"),
    path("me/profile/", views.profile, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export.json", views.my_data_export, name="my_data_export"),
    path("me/data/delete/", views.delete_account, name="delete_account"),
]
