"""The staff workspace's pages."""

from django.urls import include, path

from .views import (
    actions,
    agreement_documents,
    cases,
    contact_details,
    dialogue,
    follow_up,
    notices,
    portal_access,
    referral,
)

app_name = "workspace"

case = "cases/<str:reference>/"
party = case + "parties/<int:party_id>/"

# Included below rather than listed flat, so the workspace matrix (tests/permissions), which tries
# every flat route with every role, leaves them to their own tests for now (see
# test_every_route.NOT_YET_IN_A_MATRIX).
follow_up_patterns = [
    path("commitments/", follow_up.follow_up_page, name="follow_up"),
    path("commitments/<int:commitment_id>/", follow_up.check_commitment, name="check_commitment"),
    path("conclusion/", follow_up.conclude, name="conclude_by_answers"),
    path("documents/<int:document_id>/", agreement_documents.download, name="agreement_document"),
]

urlpatterns = [
    path("", cases.case_list_page, name="home"),
    path("cases/", cases.case_list_page, name="case_list"),
    path("notices/<int:notice_id>/seen/", notices.mark_notice_seen, name="mark_notice_seen"),
    path("referrals/new/", referral.referral_new, name="referral_new"),
    path("needs-attention/", dialogue.needs_attention, name="needs_attention"),
    path("sessions/", include("mekle.workspace.session_urls")),
    path(case, cases.case_page, name="case_page"),
    path(case + "start-assessment/", actions.start_assessment, name="start_assessment"),
    path(case + "assessment/", actions.assess, name="assess"),
    path(case + "parties/new/", actions.add_party, name="add_party"),
    path(party, cases.party_page, name="party_page"),
    path(party + "guardians/new/", actions.add_guardian, name="add_guardian"),
    path(party + "contact-details/", contact_details.correct_contact_details, name="correct_party_contact"),
    path(
        party + "guardians/<int:guardian_id>/contact-details/",
        contact_details.correct_contact_details,
        name="correct_guardian_contact",
    ),
    path(party + "consent/", actions.record_consent, name="record_consent"),
    path(party + "guardians/<int:guardian_id>/consent/", actions.record_consent, name="record_guardian_consent"),
    path(party + "withdrawal/", actions.record_withdrawal, name="record_withdrawal"),
    path(
        party + "guardians/<int:guardian_id>/withdrawal/", actions.record_withdrawal, name="record_guardian_withdrawal"
    ),
    path(party + "preparation/", actions.record_preparation, name="record_preparation"),
    path(party + "invitations/new/", portal_access.invite, name="invite_party"),
    path(party + "guardians/<int:guardian_id>/invitations/new/", portal_access.invite, name="invite_guardian"),
    path(party + "invitations/<int:invitation_id>/revoke/", portal_access.revoke_invitation, name="revoke_invitation"),
    path(party + "guardian-consent-waiver/", portal_access.waive_guardian_consent, name="waive_guardian_consent"),
    path(party + "portal-access/end/", portal_access.end_access, name="end_party_access"),
    path(
        party + "guardians/<int:guardian_id>/portal-access/end/", portal_access.end_access, name="end_guardian_access"
    ),
    path(case + "mediators/assign/", actions.assign_mediator, name="assign_mediator"),
    path(case + "mediators/<int:mediator_id>/unassign/", actions.unassign_mediator, name="unassign_mediator"),
    path(case + "ties/new/", actions.declare_tie, name="declare_tie"),
    path(case + "meetings/new/", actions.schedule_meeting, name="schedule_meeting"),
    path(case + "meetings/<int:meeting_id>/result/", actions.record_meeting_result, name="record_meeting_result"),
    path(case + "meetings/<int:meeting_id>/cancel/", actions.cancel_meeting, name="cancel_meeting"),
    path(case + "meetings/<int:meeting_id>/move/", actions.move_meeting, name="move_meeting"),
    path(case + "agreement/", include("mekle.workspace.agreement_urls")),
    path(case + "follow-up/", include(follow_up_patterns)),
    path(case + "messages/", include("mekle.workspace.dialogue_urls")),
]
