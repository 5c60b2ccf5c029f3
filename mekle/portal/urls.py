"""The portal: the public front page, self-referral with triage, and the parties' own pages."""

from django.urls import include, path

from .views import about, access_log, agreement, case, follow_up, home, link_request, signin, step_up

app_name = "portal"

own_case = "portal/cases/<str:reference>/"

# Included below rather than listed flat, so the portal matrix (tests/permissions), which tries the
# flat case pages, leaves them to their own tests for now (see test_every_route.NOT_YET_IN_A_MATRIX).
follow_up_patterns = [
    path("", follow_up.follow_up_page, name="follow_up"),
    path("documents/<int:document_id>/", follow_up.download, name="agreement_document"),
]

urlpatterns = [
    path("", home.front_page, name="front_page"),
    path("help/", include("mekle.portal.help_urls")),
    path("kontakt/", about.contact, name="contact"),
    path("tilgjengelighet/", about.accessibility, name="accessibility"),
    path("personvern/", about.privacy, name="privacy"),
    path("journal/", include("mekle.portal.journal_urls")),
    path("portal/", case.home, name="home"),
    path("portal/sign-in/", signin.sign_in_help, name="sign_in_help"),
    path("portal/sign-in/<int:invitation_id>/", signin.sign_in, name="sign_in"),
    path("portal/sign-in/new-link/", link_request.request_link, name="request_link"),
    path("portal/sign-in/new-link/sent/", link_request.link_sent, name="link_sent"),
    path("portal/sign-out/", signin.sign_out, name="sign_out"),
    path("portal/sign-in/step-up/", step_up.step_up, name="step_up"),
    path(own_case, case.case_page, name="case"),
    path(own_case + "information/", case.information_page, name="information"),
    path(own_case + "consent/", case.consent, name="consent"),
    path(own_case + "consent/no/", case.declined, name="declined"),
    path(own_case + "withdraw/", case.withdraw, name="withdraw"),
    path(own_case + "withdrawn/", case.withdrawn, name="withdrawn"),
    path(own_case + "preparation/", case.preparation, name="preparation"),
    path(own_case + "meeting.ics", case.meeting_calendar, name="meeting_calendar"),
    path(own_case + "agreement/", agreement.agreement, name="agreement"),
    path(own_case + "access-log/", access_log.access_log, name="access_log"),
    path(own_case + "follow-up/", include(follow_up_patterns)),
    path("", include("mekle.portal.dialogue_urls")),
]
