"""The portal: the public front page, self-referral with triage, and the parties' own pages."""

from django.urls import include, path

from .views import case, home, link_request, signin

app_name = "portal"

own_case = "portal/cases/<str:reference>/"

urlpatterns = [
    path("", home.front_page, name="front_page"),
    path("help/", include("mekle.portal.help_urls")),
    path("journal/", include("mekle.portal.journal_urls")),
    path("portal/", case.home, name="home"),
    path("portal/sign-in/", signin.sign_in_help, name="sign_in_help"),
    path("portal/sign-in/<int:invitation_id>/", signin.sign_in, name="sign_in"),
    path("portal/sign-in/new-link/", link_request.request_link, name="request_link"),
    path("portal/sign-in/new-link/sent/", link_request.link_sent, name="link_sent"),
    path("portal/sign-out/", signin.sign_out, name="sign_out"),
    path(own_case, case.case_page, name="case"),
    path(own_case + "information/", case.information_page, name="information"),
    path(own_case + "consent/", case.consent, name="consent"),
    path(own_case + "withdraw/", case.withdraw, name="withdraw"),
    path(own_case + "withdrawn/", case.withdrawn, name="withdrawn"),
    path(own_case + "preparation/", case.preparation, name="preparation"),
    path(own_case + "meeting.ics", case.meeting_calendar, name="meeting_calendar"),
    path(own_case + "agreement/", include("mekle.portal.agreement_urls")),
    path(own_case + "follow-up/", include("mekle.portal.follow_up_urls")),
    path("", include("mekle.portal.dialogue_urls")),
]
