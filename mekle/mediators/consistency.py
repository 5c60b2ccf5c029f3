"""How assignments and meetings must agree with their case's timeline (checked by ``manage.py verify_timeline``)."""

from collections.abc import Iterator

from mekle.cases.lifecycle import CaseFacts
from mekle.cases.models import Case
from mekle.cases.verification import register_state_check

from .models import Assignment, Meeting


@register_state_check
def assignments_and_meetings_agree_with_timeline(case: Case, facts: CaseFacts) -> Iterator[str]:
    """The mediators assigned now, and each meeting's status, as the case's events say."""
    assigned = set(Assignment.objects.filter(case=case, ended_at__isnull=True).values_list("mediator_id", flat=True))
    for mediator_id in sorted(assigned - facts.mediators.keys()):
        yield f"mediator #{mediator_id} is assigned in the table, but not on the timeline"
    for mediator_id in sorted(facts.mediators.keys() - assigned):
        yield f"mediator #{mediator_id} is assigned on the timeline, but not in the table"
    meetings = dict(Meeting.objects.filter(case=case).values_list("pk", "status"))
    for meeting_id in sorted(meetings.keys() | facts.meetings.keys()):
        in_table = meetings.get(meeting_id, "missing")
        per_events = facts.meetings[meeting_id].status if meeting_id in facts.meetings else "missing"
        if in_table != per_events:
            yield f"meeting #{meeting_id} is “{in_table}” in the table; the events say “{per_events}”"
