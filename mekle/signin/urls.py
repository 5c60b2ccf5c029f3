"""The second-factor pages: the sign-in steps under /login/, one's own factors under /workspace/."""

from django.urls import path

from mekle.signin import views

app_name = "signin"

urlpatterns = [
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("login/second-factor/passkey/options/", views.passkey_sign_in_options, name="passkey_sign_in_options"),
    path("login/second-factor/passkey/", views.passkey_sign_in, name="passkey_sign_in"),
    path("login/enrol/", views.enrol, name="enrol"),
    path("login/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("workspace/sign-in-factors/", views.factors, name="factors"),
    path("workspace/sign-in-factors/app/new/", views.add_app, name="add_app"),
    path("workspace/sign-in-factors/<str:kind>/<int:pk>/remove/", views.remove_factor, name="remove_factor"),
    path("workspace/sign-in-factors/recovery-codes/new/", views.new_recovery_codes, name="new_recovery_codes"),
    path(
        "workspace/sign-in-factors/passkeys/options/",
        views.passkey_registration_options,
        name="passkey_registration_options",
    ),
    path("workspace/sign-in-factors/passkeys/", views.register_passkey, name="register_passkey"),
]
