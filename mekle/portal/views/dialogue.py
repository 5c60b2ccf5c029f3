"""A party's messages, proposals and good-faith record, and the public page that checks a record.

Writing a message is a two-step POST that works without JavaScript: the text goes to `write`
with action "check"; a calm message is sent at once, a hostile one comes back as a preview that
shows the flagged words and why, with "Send anyway" and "Edit". Nothing is stored until it is sent.
"""

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mekle.access.decorators import logs_access
from mekle.access.lookups import get_own_participant_for, get_proposal_for
from mekle.dialogue import goodfaith
from mekle.dialogue import selectors as dialogue_selectors
from mekle.dialogue import services as dialogue_services
from mekle.dialogue.models import Proposal, ProposalStatus
from mekle.journal import selectors as journal_selectors
from mekle.lib.uploads import accepts_uploads
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.signin import assurance

from ..forms.dialogue import (
    RECORD_MAX_BYTES,
    DeclineForm,
    DirectContactForm,
    MessageForm,
    ProposalForm,
    RecordCodeForm,
    RecordFileForm,
)
from ..presenters import MEDIATOR, ThreadState, segments_of, thread_state
from .common import ask_to_step_up, portal_view, run_and_report, run_service, stepped_up


def _context(participant: Participant, **extra: object) -> dict[str, object]:
    return {"nav": "portal", "participant": participant, "case": participant.case, **extra}


def explain_closed_door(form: MessageForm, state: ThreadState, to: str) -> None:
    """A party posted to someone they can no longer write to (the page may be older than the change):
    say so in the rule's neutral words, not as a technical "invalid choice"."""
    if "to" not in form.errors:
        return
    if to == MEDIATOR and not state.staff_open:
        form.errors["to"] = form.error_class(
            [_("The staff of your case cannot receive messages here now. Call the office if you need them.")]
        )
    elif to not in ("", MEDIATOR) and not state.direct_open:
        form.errors["to"] = form.error_class(state.direct_waiting_for)


def _recipient(state: ThreadState, value: str) -> Party | None:
    if value == MEDIATOR:
        return None
    return next(p for p in state.others if str(p.pk) == value)


# --- the thread -------------------------------------------------------------------------------


@portal_view
@stepped_up
@require_GET
@logs_access("portal_messages")
def thread(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    dialogue_services.mark_thread_read(actor=request.user, participant=participant)
    return _thread_page(request, participant, form=None)


def _thread_page(
    request: HttpRequest, participant: Participant, *, form: MessageForm | None, status: int = 200
) -> HttpResponse:
    state = thread_state(participant)
    form = form or MessageForm(choices=state.message_choices)
    chosen = None if state.chose_contact is None else ("yes" if state.chose_contact else "no")
    contact_form = DirectContactForm(initial={"choice": chosen, "hold_flagged": state.holds_flagged})
    context = _context(
        participant,
        state=state,
        form=form,
        contact_form=contact_form,
        thread_messages=dialogue_selectors.thread_for_party(participant.party),
    )
    return render(request, "portal/dialogue/thread.html", context, status=status)


@portal_view
@stepped_up
@require_POST
def write(request: HttpRequest, reference: str) -> HttpResponse:
    """Check, edit or send: action "check" (the default), "edit" or "send_anyway"."""
    participant = get_own_participant_for(request.user, reference)
    state = thread_state(participant)
    form = MessageForm(request.POST, choices=state.message_choices)
    action = request.POST.get("action", "check")
    if not form.is_valid():
        explain_closed_door(form, state, request.POST.get("to", ""))
        return _thread_page(request, participant, form=form, status=400)
    if action == "edit":
        return render(request, "portal/dialogue/write.html", _context(participant, form=form, state=state))
    text, language = form.cleaned_data["text"], get_language() or "nb"
    if action != "send_anyway":
        advice = dialogue_services.check_tone(text, language)
        if advice.hostile:
            context = _context(
                participant,
                form=form,
                advice=advice,
                segments=segments_of(text, advice.spans),
                goes_to=_recipient(state, form.cleaned_data["to"]),
            )
            return render(request, "portal/dialogue/preview.html", context)
    sent = run_service(
        form,
        dialogue_services.send_message,
        actor=request.user,
        participant=participant,
        text=text,
        recipient=_recipient(state, form.cleaned_data["to"]),
        language=language,
        after_warning=action == "send_anyway",
    )
    if sent is None:
        return _thread_page(request, participant, form=form, status=400)
    messages.success(request, _("Your message has been sent."))
    return redirect("portal:messages", reference=reference)


@portal_view
@stepped_up
@require_POST
def message_setting(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    on = request.POST.get("receives") == "on"
    dialogue_services.set_receives_messages(actor=request.user, participant=participant, on=on)
    if on:
        messages.success(request, _("Messages are on. The other party can write to you again."))
    else:
        messages.success(request, _("Messages are off. Nobody can write to you until you turn them on."))
    return redirect("portal:messages", reference=reference)


@portal_view
@stepped_up
@require_POST
def direct_contact(request: HttpRequest, reference: str) -> HttpResponse:
    """The person harmed chooses direct contact (or not), and how flagged messages reach them."""
    participant = get_own_participant_for(request.user, reference)
    form = DirectContactForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("portal:messages", reference=reference)
    on = form.cleaned_data["choice"] == "yes"
    run_and_report(
        request,
        dialogue_services.choose_direct_contact,
        done=_("You have chosen direct messages. You can turn them off at any time.")
        if on
        else _("You have chosen not to have direct messages. You can still write to the staff."),
        actor=request.user,
        participant=participant,
        on=on,
        hold_flagged=form.cleaned_data["hold_flagged"] if on else None,
    )
    return redirect("portal:messages", reference=reference)


@portal_view
@stepped_up
@require_POST
def flagged_setting(request: HttpRequest, reference: str) -> HttpResponse:
    """Whether a message the tone check flags is shown at once or read by the office first."""
    participant = get_own_participant_for(request.user, reference)
    hold = request.POST.get("hold") == "on"
    run_and_report(
        request,
        dialogue_services.set_hold_flagged,
        done=_("The office will read flagged messages to you before you see them.")
        if hold
        else _("Flagged messages to you are shown at once, with advice on where to get help."),
        actor=request.user,
        participant=participant,
        hold=hold,
    )
    return redirect("portal:messages", reference=reference)


@portal_view
@require_http_methods(["GET", "POST"])
def mediator_channel(request: HttpRequest, reference: str) -> HttpResponse:
    """Switch at once to writing through the mediator only (or back, for the one who switched)."""
    participant = get_own_participant_for(request.user, reference)
    thread_settings = dialogue_selectors.thread_of(participant.case)
    chosen_by_me = thread_settings.mediator_only_party_id == participant.party.pk
    if request.method == "POST":
        # Switching to the mediator works at once from any session (safety first); opening the direct
        # channel again is as guarded as the messages.
        if request.POST.get("direct") == "on" and chosen_by_me and assurance.step_up_needed(request.session):
            return ask_to_step_up(request, reference)
        if request.POST.get("direct") == "on" and chosen_by_me:
            run_and_report(
                request,
                dialogue_services.restore_direct_channel,
                done=_("You can write to the other party again."),
                actor=request.user,
                case=participant.case,
                party=participant.party,
            )
        else:
            run_and_report(
                request,
                dialogue_services.choose_mediator_channel,
                done=_("From now on, messages in your case go only to the mediator."),
                actor=request.user,
                participant=participant,
            )
        return redirect("portal:messages", reference=reference)
    context = _context(participant, thread=thread_settings, chosen_by_me=chosen_by_me)
    return render(request, "portal/dialogue/mediator_channel.html", context)


# --- proposals --------------------------------------------------------------------------------


def _proposal_args(form: ProposalForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"kind": data["kind"], "text": data["text"], "amount": data["amount"], "instalments": data["instalments"]}


@portal_view
@stepped_up
@require_http_methods(["GET", "POST"])
@logs_access("portal_proposals")
def proposals(request: HttpRequest, reference: str) -> HttpResponse:
    """The party's proposals, and a form to make a new one."""
    participant = get_own_participant_for(request.user, reference)
    state = thread_state(participant)
    form = ProposalForm(request.POST if request.method == "POST" else None, choices=state.proposal_choices)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            form,
            dialogue_services.make_proposal,
            actor=request.user,
            participant=participant,
            recipient=_recipient(state, form.cleaned_data["to"]) or participant.party,
            **_proposal_args(form),
        )
        if made is not None:
            messages.success(request, _("Your proposal has been sent."))
            return redirect("portal:proposals", reference=reference)
    context = _context(
        participant, state=state, form=form, proposals=dialogue_selectors.proposals_for_party(participant.party)
    )
    return render(request, "portal/dialogue/proposals.html", context, status=400 if request.method == "POST" else 200)


ANSWERS = ("accept", "decline", "counter")


def _proposal_page(
    request: HttpRequest, participant: Participant, proposal: Proposal, *, status: int = 200, **forms: Any
) -> HttpResponse:
    state = thread_state(participant)
    awaits_answer = proposal.recipient_id == participant.party.pk and proposal.status == ProposalStatus.OPEN
    choices = [(str(proposal.proposer_id), proposal.proposer.full_name)]
    # One answer form at a time: the one chosen (?answer=…), or the one sent back with an error.
    chosen = forms.pop("chosen", None) or request.GET.get("answer", "")
    context = _context(
        participant,
        proposal=proposal,
        chosen=chosen if chosen in ANSWERS else "",
        due=awaits_answer and state.direct_open,
        waiting_for=state.direct_waiting_for if awaits_answer else [],
        decline_form=forms.get("decline_form") or DeclineForm(),
        counter_form=forms.get("counter_form") or ProposalForm(choices=choices),
    )
    return render(request, "portal/dialogue/proposal.html", context, status=status)


@portal_view
@stepped_up
@require_GET
@logs_access("portal_proposal")
def proposal(request: HttpRequest, reference: str, proposal_id: int) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    return _proposal_page(
        request, participant, get_proposal_for(participant.case, proposal_id, party=participant.party)
    )


@portal_view
@stepped_up
@require_POST
def answer(request: HttpRequest, reference: str, proposal_id: int) -> HttpResponse:
    """Accept, decline (with an optional reason) or counter: the button pressed says which."""
    participant = get_own_participant_for(request.user, reference)
    found = get_proposal_for(participant.case, proposal_id, party=participant.party)
    who: dict[str, Any] = {
        "actor": request.user,
        "participant": participant,
        "proposal": found,
    }
    answer_kind = request.POST.get("answer", "")
    form: Any
    if answer_kind == "decline":
        form = DeclineForm(request.POST)
        forms_key = "decline_form"
    elif answer_kind == "counter":
        form = ProposalForm(request.POST, choices=[(str(found.proposer_id), found.proposer.full_name)])
        forms_key = "counter_form"
    else:
        form, forms_key = DeclineForm({}), "decline_form"
    if form.is_valid():
        if answer_kind == "decline":
            answered = run_service(form, dialogue_services.decline_proposal, **who, reason=form.cleaned_data["reason"])
            done = _("You have declined the proposal.")
        elif answer_kind == "counter":
            answered = run_service(form, dialogue_services.counter_proposal, **who, **_proposal_args(form))
            done = _("Your counter-proposal has been sent.")
        else:
            answered = run_service(form, dialogue_services.accept_proposal, **who)
            done = _("You have accepted the proposal.")
        if answered is not None:
            messages.success(request, done)
            return redirect("portal:proposals", reference=reference)
    chosen = answer_kind if answer_kind in ANSWERS else ""
    return _proposal_page(request, participant, found, status=400, chosen=chosen, **{forms_key: form})


# --- the good-faith record --------------------------------------------------------------------


@portal_view
@stepped_up
@require_http_methods(["GET", "POST"])
@logs_access("portal_goodfaith_record")
def record(request: HttpRequest, reference: str) -> HttpResponse:
    """The party's records, and a button to make a new one from what has happened so far."""
    participant = get_own_participant_for(request.user, reference)
    if request.method == "POST":
        row = dialogue_services.make_goodfaith_record(
            actor=request.user, participant=participant, language=(get_language() or "nb")
        )
        messages.success(request, _("Your record %(code)s is ready.") % {"code": row.code})
        return redirect("portal:goodfaith_record", reference=reference)
    context = _context(participant, records=dialogue_selectors.records_of(participant.party))
    return render(request, "portal/dialogue/record.html", context)


@portal_view
@stepped_up
@require_GET
def record_download(request: HttpRequest, reference: str, code: str, fmt: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    row = dialogue_selectors.record_of(participant.party, code)
    if row is None or fmt not in ("pdf", "json"):
        raise Http404("No such record")
    if fmt == "pdf":
        content = dialogue_services.render_record_pdf(record=row.content, language=(get_language() or "nb"))
        response = HttpResponse(content, content_type="application/pdf")
    else:
        content = json.dumps(row.content, ensure_ascii=False, indent=2).encode("utf-8")
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="goodfaith-record-{row.code}.{fmt}"'
    return response


# --- the public check -------------------------------------------------------------------------


@accepts_uploads(max_bytes=RECORD_MAX_BYTES)
@require_http_methods(["GET", "POST"])
def check_record(request: HttpRequest) -> HttpResponse:
    """Anyone may check a record by its code and fingerprint, or by its PDF or JSON file.

    The answer is only "matches what Mekle holds" or "does not match", and the same page whether
    the code exists or not: never anything from Mekle's copy. For a file that matches, the page
    repeats whose record it is, the case, the date and the number of events, as the verified file
    itself says, so whoever was handed a PDF can compare its pages with the record attached to it.
    A file that is no record, or whose own hashes break, gets a sentence saying so.
    """
    code_form = RecordCodeForm(request.POST if request.POST.get("by") == "code" else None, prefix="code")
    file_form = RecordFileForm(
        request.POST if request.POST.get("by") == "file" else None,
        request.FILES if request.POST.get("by") == "file" else None,
        prefix="file",
    )
    result: bool | None = None
    reason, checked = "", None
    if code_form.is_bound and code_form.is_valid():
        result = _matches(
            goodfaith.normalise_code(code_form.cleaned_data["code"]),
            code_form.cleaned_data["fingerprint"].strip().lower(),
        )
    elif file_form.is_bound and file_form.is_valid():
        result, reason, checked = _file_matches(file_form.cleaned_data["file"])
    status = 400 if request.method == "POST" and result is None else 200
    context = {"nav": "", "code_form": code_form, "file_form": file_form, "result": result}
    context |= {"reason": reason, "checked": checked}
    return render(request, "portal/dialogue/check_record.html", context, status=status)


PDF_NOT_MEKLES = gettext_noop(
    "The record attached to this PDF matches what Mekle holds, but the PDF itself is not one Mekle made: "
    "its pages may have been changed. Compare them with what the record says, or ask for the PDF as Mekle made it."
)


def _file_matches(upload: Any) -> tuple[bool, str, dict[str, Any] | None]:
    """Whether the uploaded JSON file or PDF holds a record Mekle made; why not when the file says;
    and, for a match, what the record says (``goodfaith.document_context``)."""
    if upload.size > 5_000_000:
        return False, "", None
    found = dialogue_selectors.read_record_file(upload.read())
    if found.record is None:
        return False, found.problem, None
    if not (dialogue_selectors.record_held(found.record) or journal_selectors.record_held(found.record)):
        return False, "", None
    checked = goodfaith.document_context(found.record)
    if found.pdf_digest and not dialogue_selectors.pdf_made_by_mekle(found.pdf_digest):
        return False, _(PDF_NOT_MEKLES), checked
    return True, "", checked


def _matches(code: str, record_hash: str) -> bool:
    """A party's record from a case, or a parent's record from their journal."""
    return dialogue_selectors.record_matches(code, record_hash) or journal_selectors.record_matches(code, record_hash)
