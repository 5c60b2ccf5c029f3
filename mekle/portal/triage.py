"""The guided triage before the public self-referral form: its questions, answers and routes.

Pure Python, no database and no HTTP: the answers so far are a plain mapping (the pages carry them
in the query string), and `next_step` says what comes next, either one more question or a route
with its reason. Safety comes first: the danger question is always asked before anything else.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

YES = "yes"
NO = "no"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str | Promise


@dataclass(frozen=True)
class Question:
    key: str
    text: str | Promise
    hint: str | Promise
    choices: tuple[Choice, ...]

    @property
    def values(self) -> frozenset[str]:
        return frozenset(choice.value for choice in self.choices)


class Route(StrEnum):
    """Where the triage sends a person, with the reason shown on that route's page."""

    EMERGENCY = "emergency"  # danger, violence or threats now: the police (112) first
    FAMILY_COUNSELLING = "family_counselling"  # mandatory family mediation: familievernkontor
    REPORT_TO_POLICE = "report_to_police"  # a crime not reported yet: the police decide
    POLICE_DECIDES = "police_decides"  # a crime already reported: the police may refer it
    REFERRAL_FORM = "referral_form"  # a civil conflict: this service can help


class Topic(StrEnum):
    NEIGHBOUR = "neighbour"
    HARASSMENT = "harassment"
    SCHOOL = "school"
    FAMILY = "family"
    CRIME = "crime"
    OTHER = "other"


DANGER = Question(
    key="danger",
    text=_("Is anyone in danger right now, or is someone using violence or making threats now?"),
    hint=_("Answer yes if you or someone else is not safe at this moment."),
    choices=(Choice(YES, _("Yes")), Choice(NO, _("No"))),
)

TOPIC = Question(
    key="topic",
    text=_("What is the conflict about?"),
    hint=_("Choose what fits best. You can tell us more later."),
    choices=(
        Choice(Topic.NEIGHBOUR, _("A neighbour")),
        Choice(Topic.HARASSMENT, _("Harassment, bullying or threats that are over")),
        Choice(Topic.SCHOOL, _("Something at school")),
        Choice(Topic.FAMILY, _("Family")),
        Choice(Topic.CRIME, _("Something that may be a crime, such as theft, damage or violence")),
        Choice(Topic.OTHER, _("Something else")),
    ),
)

CHILDREN = Question(
    key="children",
    text=_("Do you and the other person have a child under 16 together?"),
    hint=_("Answer yes however long ago you separated, and also if you never lived together."),
    choices=(Choice(YES, _("Yes")), Choice(NO, _("No"))),
)

# What decides the route is the dispute, not whether the parents are moving apart now: a dispute
# between parents of a child under 16 about where the child lives, parental responsibility or
# contact belongs to family mediation (familievernkontoret and its meklingsattest), however long
# ago they separated.
DISPUTE = Question(
    key="dispute",
    text=_("Is the conflict about where the child will live, parental responsibility or contact (samvær)?"),
    hint=_("Answer yes also if one of you wants to go to court about it, or to change an earlier agreement."),
    choices=(Choice(YES, _("Yes")), Choice(NO, _("No, it is another family conflict"))),
)

REPORTED = Question(
    key="reported",
    text=_("Has it been reported to the police?"),
    hint=_("That is, you or someone else has made a police report (anmeldelse)."),
    choices=(Choice(YES, _("Yes")), Choice(NO, _("No")), Choice("unsure", _("I am not sure"))),
)

QUESTIONS: dict[str, Question] = {q.key: q for q in (DANGER, TOPIC, CHILDREN, DISPUTE, REPORTED)}

Step = Question | Route


def next_step(answers: Mapping[str, str]) -> Step:
    """The next question to ask, or the route the answers lead to. `answers` must be clean."""
    if DANGER.key not in answers:
        return DANGER
    if answers[DANGER.key] == YES:
        return Route.EMERGENCY
    if TOPIC.key not in answers:
        return TOPIC
    topic = answers[TOPIC.key]
    if topic == Topic.FAMILY:
        if CHILDREN.key not in answers:
            return CHILDREN
        if answers[CHILDREN.key] != YES:
            return Route.REFERRAL_FORM
        if DISPUTE.key not in answers:
            return DISPUTE
        return Route.FAMILY_COUNSELLING if answers[DISPUTE.key] == YES else Route.REFERRAL_FORM
    if topic == Topic.CRIME:
        if REPORTED.key not in answers:
            return REPORTED
        return Route.POLICE_DECIDES if answers[REPORTED.key] == YES else Route.REPORT_TO_POLICE
    return Route.REFERRAL_FORM


def clean_answers(raw: Mapping[str, str]) -> dict[str, str]:
    """The answers in `raw` that lie on the path, in the order asked.

    Stops at the first question that is unanswered or has an unknown answer, so an edited or
    stale query string simply asks again from there; anything off the path is dropped.
    """
    answers: dict[str, str] = {}
    step = next_step(answers)
    while isinstance(step, Question) and raw.get(step.key) in step.values:
        answers[step.key] = raw[step.key]
        step = next_step(answers)
    return answers


def previous_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """The answers one step back: what the page before this one was shown with."""
    keys = list(answers)[:-1]
    return {key: answers[key] for key in keys}
