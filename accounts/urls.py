from allauth.account.views import login
from django.urls import path

from accounts import views
from core.pagecache import public_form_page

app_name = "accounts"

urlpatterns = [
    # Ahead of allauth's own /accounts/signup/ (citizen_office/urls.py includes this module first).
    path("accounts/signup/", public_form_page("territories")(views.signup), name="signup"),
    # allauth's sign-in, kept for visitors with their own CSRF token put in (core.pagecache); same address and name.
    path("accounts/login/", public_form_page()(login), name="login"),
    path("me/profile/", views.profile, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export.json", views.my_data_export, name="my_data_export"),
    path("me/data/delete/", views.delete_account, name="delete_account"),
]
