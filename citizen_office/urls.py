"""URLs: every page under its language (/ar/, /fr/, /en/); machine endpoints outside."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from citizen_office.api import api
from portal import views as portal_views

admin.site.site_header = "Citizen Office — platform administration"
# The admin signs in through allauth: same lockout, same two-step verification.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("manifest.webmanifest", portal_views.manifest, name="manifest"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "icons/favicon.ico", permanent=True)),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("institutions.urls")),
    path("", include("accounts.urls")),
    path("", include("notifications.urls")),
    path("", include("associations.urls")),
    path("", include("information.urls")),
    path("", include("applications.urls")),
    path("", include("frontdesk.urls")),
    path("", include("procedures.urls")),
    path("", include("backoffice.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=True,
)

if not settings.PRODUCTION:
    # Public uploads (logos, published files) outside production, debug on or off (`make run` serves with debug off);
    # in production the web server or object store serves MEDIA_URL (docs/operations.md, the cluster's nginx).
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]
    # The emails the site sent, as kept in var/mail/ (core.devmail).
    from core.devmail import dev_mail

    urlpatterns += i18n_patterns(path("dev/mail/", dev_mail, name="dev_mail"), prefix_default_language=True)

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
