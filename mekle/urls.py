"""URL wiring: the staff workspace, sign-in, language switch and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mekle.api.api import api
from mekle.portal.views import oidc
from mekle.signin import views as signin_views
from mekle.workspace.views.health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("login/", signin_views.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("mekle.signin.urls")),
    path("workspace/", include("mekle.workspace.urls")),
    path("oidc/", include(oidc.oidc_urlpatterns())),
    path("portal/sign-in/id-porten-failed/", oidc.sign_in_failed, name="oidc_sign_in_failed"),
    path("", include("mekle.portal.urls")),
]

handler400 = "mekle.workspace.views.errors.bad_request"
handler404 = "mekle.workspace.views.errors.not_found"
handler403 = "mekle.workspace.views.errors.forbidden"
handler500 = "mekle.workspace.views.errors.server_error"
