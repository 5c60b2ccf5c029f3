"""Background work after an approval: the documents, the follow-up reminders and the referrer's report.

A task that fails (a full disk, an SMTP error) enqueues itself again later with the attempt count
in its arguments, up to `MAX_ATTEMPTS`, then logs an error: no reminder is silently lost. Each task
is safe to run twice: reminders lock their row and check `sent_at`, documents skip the languages
already rendered, and an outcome is reported once per version and outcome.
"""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from django_tasks.base import Task

from mekle.accounts.models import Role, User
from mekle.cases.models import Case, Status
from mekle.lib import clock
from mekle.mediators.selectors import active_assignments
from mekle.outbox import queue
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail
from mekle.outbox.pause import pause_point
from mekle.parties.links import new_link_url
from mekle.parties.models import Party, PartyRole

from . import documents, rules, selectors
from . import services as agreement_services
from .models import AgreementVersion, DocumentKind, FollowUpReminder, ReminderKind, VersionStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def retry_delay(attempt: int) -> dt.timedelta:
    """5, 10, 20, 40, 80 minutes: about two and a half hours in all before giving up."""
    return dt.timedelta(minutes=5 * 2 ** (attempt - 1))


def enqueue_at(task_: Task[Any, Any], when: dt.datetime, **kwargs: Any) -> bool:
    """Enqueue `task_` to run at `when`. A backend that cannot defer (tests' immediate one) gets nothing:
    running a reminder now would defeat it, and `requeue_reminders` catches up on a real worker."""
    if not task_.get_backend().supports_defer:
        return False
    task_.using(run_after=max(when, clock.now())).enqueue(**kwargs)
    return True


def _retry(task_: Task[Any, Any], attempt: int, error: Exception, **kwargs: Any) -> None:
    if attempt >= MAX_ATTEMPTS or not enqueue_at(
        task_, clock.now() + retry_delay(attempt), attempt=attempt + 1, **kwargs
    ):
        logger.error("%s failed for good after %s attempts (%s): %r", task_.name, attempt, kwargs, error)
        return
    logger.warning("%s failed (attempt %s, %s), will retry: %r", task_.name, attempt, kwargs, error)


# --- After an approval --------------------------------------------------------------------------


@task()
def follow_up_approved_version(*, version_id: int, attempt: int = 1) -> str:
    """Reminders first (cheap and must not be lost), then the agreement PDFs, then the referrer's copy."""
    version = AgreementVersion.objects.select_related("agreement__case__office").filter(pk=version_id).first()
    if version is None or not selectors.is_current_approved(version):
        return "skipped"
    try:
        for reminder in agreement_services.create_reminders(version=version):
            enqueue_at(send_follow_up_reminder, reminder.due_at, reminder_id=reminder.pk)
        pause_point("agreement.before_documents")
        agreement_services.create_agreement_documents(version)
        if rules.reports_to_referrer(version.agreement.case):
            _report(version, documents.Outcome.APPROVED)
    except Exception as error:  # noqa: BLE001  (any failure is retried later, not lost)
        _retry(follow_up_approved_version, attempt, error, version_id=version_id)
        return "retrying"
    return "done"


@task()
def report_outcome(*, version_id: int, outcome: str, attempt: int = 1) -> str:
    """Render the outcome report for the referrer and record `outcome_reported`."""
    version = AgreementVersion.objects.select_related("agreement__case__office").filter(pk=version_id).first()
    if version is None or outcome not in documents.Outcome.ALL:
        return "skipped"
    try:
        _report(version, outcome)
    except Exception as error:  # noqa: BLE001  (retried later)
        _retry(report_outcome, attempt, error, version_id=version_id, outcome=outcome)
        return "retrying"
    return "done"


@task()
def report_withdrawal(*, case_id: int, stage: str, attempt: int = 1) -> str:
    """Render the referrer's report that the case was withdrawn (at `stage`) and record `outcome_reported`."""
    case = Case.objects.select_related("office").filter(pk=case_id).first()
    if case is None or case.status != Status.WITHDRAWN or selectors.withdrawal_reported(case):
        return "skipped"
    try:
        pdf = documents.render_withdrawal_report(case, stage=stage, closed_at=case.closed_at)
        document = agreement_services.store_case_document(
            case=case, kind=DocumentKind.OUTCOME_REPORT, language="nb", pdf=pdf, name="outcome_report-withdrawn"
        )
        agreement_services.record_withdrawal_report(
            case=case, stage=stage, sha256=document.sha256, document_id=document.pk
        )
    except Exception as error:  # noqa: BLE001  (retried later)
        _retry(report_withdrawal, attempt, error, case_id=case_id, stage=stage)
        return "retrying"
    return "done"


def _report(version: AgreementVersion, outcome: str) -> None:
    case = version.agreement.case
    if selectors.outcome_reported(case, version, outcome):
        return
    answers = {a.commitment.pk: a.kept for a in selectors.commitment_answers(version) if a.kept is not None}
    pdf = documents.render_outcome_report(version, outcome, answers=answers)
    document = agreement_services.store_document(
        version=version, kind=DocumentKind.OUTCOME_REPORT, language="nb", pdf=pdf
    )
    agreement_services.record_outcome_report(
        version=version, outcome=outcome, sha256=document.sha256, document_id=document.pk
    )


# --- Reminders ----------------------------------------------------------------------------------


@task()
def send_follow_up_reminder(*, reminder_id: int, attempt: int = 1) -> str:
    """Send one reminder, exactly once: lock it, skip it if sent or no longer relevant, queue its
    e-mails in the outbox and mark it sent in one transaction, then send them (mekle.outbox)."""
    with transaction.atomic():
        reminder = (
            FollowUpReminder.objects.select_for_update()
            .select_related("version__agreement__case__office")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.sent_at is not None:
            return "already sent"
        version = reminder.version
        if version.agreement.case.status != Status.IN_FOLLOW_UP or not selectors.is_current_approved(version):
            return "skipped"
        if clock.now() < reminder.due_at:
            return "not due"  # run early by hand; its own deferred task comes at the right time
        emails = outbox.queue_emails(reminder_messages(reminder), source="agreements.reminder", hand_to_worker=False)
        reminder.sent_at = clock.now()
        reminder.save(update_fields=["sent_at"])
    pause_point("reminder.queued")
    outbox_tasks.send_queued(emails)
    return "sent"


def _absolute(name: str, reference: str) -> str:
    return f"{settings.MEKLE_PUBLIC_URL}{reverse(name, kwargs={'reference': reference})}"


def _message(template: str, language: str, context: dict[str, Any], to: str, case: Case) -> EmailMultiAlternatives:
    with translation.override(language):
        return compose(f"agreements/email/{template}", context, to=[to], office=case.office)


def reminder_messages(reminder: FollowUpReminder) -> list[EmailMultiAlternatives]:
    """One e-mail per recipient: the office's caseworkers, and the complainant on the day itself.

    Subjects are neutral and bodies name nobody: an e-mail can be read by someone else.
    """
    case = reminder.version.agreement.case
    context = {"case": case, "reminder": reminder, "version": reminder.version}
    caseworkers = User.objects.filter(office_id=case.office_id, role=Role.CASEWORKER, is_active=True).exclude(email="")
    staff_context = {**context, "url": _absolute("workspace:follow_up", case.reference)}
    messages = [
        _message("reminder_staff", settings.LANGUAGE_CODE, staff_context, user.email, case) for user in caseworkers
    ]
    if reminder.kind == ReminderKind.ON_THE_DAY:
        victims = Party.objects.filter(case=case, role=PartyRole.VICTIM).exclude(email="")
        for party in victims:
            party_context = {
                **context,
                "url": _absolute("portal:follow_up", case.reference),
                "new_link_url": new_link_url(),
            }
            language = documents.document_language(party.preferred_language)
            messages.append(_message("reminder_party", language, party_context, party.email, case))
    return messages


CLOSED = "agreements.closed_without_agreement"


def queue_closing_emails(case: Case, *, event_id: int, actor_id: int | None) -> list[OutboxEmail]:
    """A case closed without a written agreement: tell its parties, the guardians of its parties and
    its mediators (but not the one who closed it), each once, in the closing transaction (receivers).

    Neutral: no case reference to the parties, no party's name, no reason; a link to sign in.
    """
    recipients: dict[str, tuple[str, str]] = {}  # address → (language, link)
    portal, workspace = _absolute("portal:case", case.reference), _absolute("workspace:case_page", case.reference)
    for party in Party.objects.filter(case=case).prefetch_related("guardians").order_by("pk"):
        people = [(party.email, party.preferred_language)]
        people += [
            (guardian.email, guardian.preferred_language or party.preferred_language)
            for guardian in party.guardians.all()
        ]
        for email, language in people:
            if email.strip():
                recipients.setdefault(email.strip(), (documents.document_language(language), portal))
    for assignment in active_assignments(case):
        mediator = assignment.mediator
        if mediator.email and mediator.pk != actor_id:
            recipients.setdefault(mediator.email, (settings.LANGUAGE_CODE, workspace))
    messages, keys = [], []
    for email, (language, url) in recipients.items():
        messages.append(_message("closed", language, {"url": url, "new_link_url": new_link_url()}, email, case))
        keys.append(f"{event_id}:{email}")
    return outbox.queue_emails(messages, source=CLOSED, keys=keys)


def requeue_reminders() -> int:
    """Enqueue every unsent reminder that has no task waiting for it; returns how many.

    Part of the worker's sweep (mekle.outbox.sweeps): catches a reminder whose task was lost (the
    worker died before its deferred task was written, or a database restored from a backup). A
    RUNNING task of a dead worker is set READY again by the lease, not here. A reminder that is in
    fact being sent elsewhere is harmless: it is locked, and sent once.
    """
    waiting = queue.waiting(send_follow_up_reminder, "reminder_id")
    unsent = FollowUpReminder.objects.filter(
        sent_at__isnull=True, version__agreement__case__status=Status.IN_FOLLOW_UP
    ).exclude(pk__in=waiting)
    count = 0
    for reminder in unsent:
        count += enqueue_at(send_follow_up_reminder, reminder.due_at, reminder_id=reminder.pk)
    return count


def catch_up_approved_versions() -> int:
    """Enqueue the follow-up of every current approved version still missing its agreement PDFs (or
    its referrer's report) with no task waiting; returns how many. Part of the worker's sweep."""
    waiting = queue.waiting(follow_up_approved_version, "version_id")
    approved = AgreementVersion.objects.filter(status=VersionStatus.APPROVED).exclude(pk__in=waiting)
    missing = approved.exclude(documents__kind=DocumentKind.AGREEMENT).select_related("agreement__case")
    count = 0
    for version in missing:
        if selectors.is_current_approved(version):
            follow_up_approved_version.enqueue(version_id=version.pk)
            count += 1
    return count
