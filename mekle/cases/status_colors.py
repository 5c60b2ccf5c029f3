"""The colour of a case's status tag (Designsystemet's ``ds-tag`` ``data-color``), by status group:
new and being assessed (info), in mediation and follow-up (accent, the service's own colour), closed
with the agreement kept (success), closed with it broken (warning), closed otherwise (neutral)."""

from .lifecycle import Status

STATUS_COLOR: dict[Status, str] = {
    Status.RECEIVED: "info",
    Status.ASSESSING: "info",
    Status.PREPARING: "accent",
    Status.MEETING_SCHEDULED: "accent",
    Status.MEETING_HELD: "accent",
    Status.IN_FOLLOW_UP: "accent",
    Status.FULFILLED: "success",
    Status.NOT_FULFILLED: "warning",
    Status.NOT_SUITABLE: "neutral",
    Status.NO_AGREEMENT: "neutral",
    Status.WITHDRAWN: "neutral",
}


def status_color(status: str) -> str:
    """The tag colour of a status (its value, as a case stores it); neutral for one not known."""
    try:
        return STATUS_COLOR[Status(status)]
    except ValueError:
        return "neutral"
