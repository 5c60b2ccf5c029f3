"""Self-referral with triage: public pages, no sign-in (included at /help/ in the portal namespace)."""

from django.urls import path

from .views import help as help_pages

urlpatterns = [
    path("", help_pages.help_start, name="help_start"),
    path("emergency/", help_pages.help_emergency, name="help_emergency"),
    path("family-mediation/", help_pages.help_family_mediation, name="help_family_mediation"),
    path("report-to-police/", help_pages.help_report_to_police, name="help_report_to_police"),
    path("police-decides/", help_pages.help_police_decides, name="help_police_decides"),
    path("ask/", help_pages.self_referral, name="self_referral"),
    path("ask/sent/", help_pages.self_referral_sent, name="self_referral_sent"),
]
