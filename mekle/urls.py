"""URL wiring: the staff workspace, sign-in, language switch and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mekle.workspace.views.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="workspace:case_list", permanent=False)),
    path("healthz/", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("workspace/", include("mekle.workspace.urls")),
]

handler404 = "mekle.workspace.views.errors.not_found"
handler403 = "mekle.workspace.views.errors.forbidden"
handler500 = "mekle.workspace.views.errors.server_error"
