"""The guided triage: its decision table, and its pages in bokmål and English."""

import pytest
from django.urls import reverse

from mekle.portal import triage
from mekle.portal.triage import Route

# --- The decision table (pure, no database) ----------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, triage.DANGER),
        ({"danger": "yes"}, Route.EMERGENCY),
        ({"danger": "no"}, triage.TOPIC),
        ({"danger": "no", "topic": "neighbour"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "harassment"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "school"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "other"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "family"}, triage.CHILDREN),
        ({"danger": "no", "topic": "family", "children": "yes"}, triage.DISPUTE),
        ({"danger": "no", "topic": "family", "children": "yes", "dispute": "yes"}, Route.FAMILY_COUNSELLING),
        ({"danger": "no", "topic": "family", "children": "yes", "dispute": "no"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "family", "children": "no"}, Route.REFERRAL_FORM),
        ({"danger": "no", "topic": "crime"}, triage.REPORTED),
        ({"danger": "no", "topic": "crime", "reported": "no"}, Route.REPORT_TO_POLICE),
        ({"danger": "no", "topic": "crime", "reported": "unsure"}, Route.REPORT_TO_POLICE),
        ({"danger": "no", "topic": "crime", "reported": "yes"}, Route.POLICE_DECIDES),
    ],
)
def test_next_step_follows_the_table(answers, expected):
    assert triage.next_step(answers) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ({}, {}),
        ({"danger": "maybe"}, {}),
        ({"topic": "neighbour"}, {}),
        ({"danger": "yes", "topic": "neighbour"}, {"danger": "yes"}),
        ({"danger": "no", "topic": "school", "children": "yes"}, {"danger": "no", "topic": "school"}),
        ({"danger": "no", "topic": "family", "reported": "yes"}, {"danger": "no", "topic": "family"}),
        ({"danger": "no", "topic": "?", "children": "yes"}, {"danger": "no"}),
        ({"asked": "danger", "danger": "no"}, {"danger": "no"}),
    ],
)
def test_clean_answers_keep_only_the_answered_path(raw, clean):
    assert triage.clean_answers(raw) == clean


def test_every_question_can_be_reached_and_every_route_is_an_outcome():
    seen_routes, seen_questions = set(), set()

    def walk(answers):
        step = triage.next_step(answers)
        if isinstance(step, Route):
            seen_routes.add(step)
            return
        seen_questions.add(step.key)
        for choice in step.choices:
            walk({**answers, step.key: choice.value})

    walk({})
    assert seen_routes == set(Route)
    assert seen_questions == set(triage.QUESTIONS)


def test_previous_answers_drop_the_last_one():
    assert triage.previous_answers({"danger": "no", "topic": "family"}) == {"danger": "no"}
    assert triage.previous_answers({}) == {}


# --- The pages -----------------------------------------------------------------------------------

ROUTES = [
    (
        "danger=yes",
        "portal:help_emergency",
        "Call the police on 112 if you are in danger now",
        "Ring politiet på 112 hvis du er i fare nå",
    ),
    (
        "danger=no&topic=family&children=yes&dispute=yes",
        "portal:help_family_mediation",
        "Family mediation is at the family counselling office",
        "Familiemekling skjer på familievernkontoret",
    ),
    (
        "danger=no&topic=crime&reported=no",
        "portal:help_report_to_police",
        "Report it to the police first",
        "Meld det til politiet først",
    ),
    (
        "danger=no&topic=crime&reported=yes",
        "portal:help_police_decides",
        "The police decide whether your case comes to us",
        "Politiet avgjør om saken din kommer til oss",
    ),
    (
        "danger=no&topic=neighbour",
        "portal:self_referral",
        "Ask for help with a conflict",
        "Be om hjelp med en konflikt",
    ),
    (
        "danger=no&topic=family&children=no",
        "portal:self_referral",
        "Ask for help with a conflict",
        "Be om hjelp med en konflikt",
    ),
    (
        "danger=no&topic=family&children=yes&dispute=no",
        "portal:self_referral",
        "Ask for help with a conflict",
        "Be om hjelp med en konflikt",
    ),
]


def speak(client, language):
    if language != "nb":
        client.cookies["django_language"] = language


def h1(response):
    html = response.content.decode()
    assert html.count("<h1") == 1
    return html.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize(("query", "url_name", "english", "bokmal"), ROUTES)
def test_every_route_is_reached_and_explained_in_the_persons_language(
    client, db, language, query, url_name, english, bokmal
):
    speak(client, language)
    response = client.get(reverse("portal:help_start") + "?" + query, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse(url_name) + "?" + query, 302)]
    assert h1(response) == (english if language == "en" else bokmal)
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["meklingsattest", "compulsory", "seven hours", "does not issue a mediation certificate"]),
        ("nb", ["meklingsattest", "obligatorisk", "sju timer", "gir ikke meklingsattest"]),
    ],
)
def test_the_family_page_explains_mandatory_mediation_and_offers_another_way(client, db, language, texts):
    speak(client, language)
    query = "danger=no&topic=family&children=yes&dispute=yes"
    html = client.get(reverse("portal:help_family_mediation") + "?" + query).content.decode()
    for text in texts:
        assert text in html
    assert f'href="{reverse("portal:self_referral")}?{query.replace("&", "&amp;")}"' in html


@pytest.mark.parametrize(("language", "text"), [("en", "02800"), ("nb", "02800")])
def test_the_emergency_and_police_pages_give_the_numbers(client, db, language, text):
    speak(client, language)
    emergency = client.get(reverse("portal:help_emergency") + "?danger=yes").content.decode()
    assert 'href="tel:112"' in emergency
    assert "116 006" in emergency
    police = client.get(reverse("portal:help_report_to_police")).content.decode()
    assert text in police


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "Is anyone in danger right now, or is someone using violence or making threats now?"),
        ("nb", "Er noen i fare akkurat nå, eller bruker noen vold eller kommer med trusler nå?"),
    ],
)
def test_the_first_page_asks_about_danger_in_a_fieldset_with_the_question_as_legend(client, db, language, question):
    speak(client, language)
    response = client.get(reverse("portal:help_start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert h1(response) == question
    assert "<legend><h1" in html
    assert html.count('type="radio" name="danger"') == 2
    assert f'href="{reverse("portal:front_page")}"' in html


@pytest.mark.parametrize(
    ("language", "question"),
    [("en", "What is the conflict about?"), ("nb", "Hva handler konflikten om?")],
)
def test_going_back_re_renders_the_earlier_step_with_the_earlier_answers(client, db, language, question):
    speak(client, language)
    later = client.get(reverse("portal:help_start") + "?danger=no&topic=family")
    later_html = later.content.decode()
    assert 'name="children"' in later_html
    back = reverse("portal:help_start") + "?danger=no"
    assert f'href="{back}"' in later_html

    earlier = client.get(back)
    html = earlier.content.decode()
    assert h1(earlier) == question
    assert '<input type="hidden" name="danger" value="no">' in html
    assert 'name="children"' not in html


def test_each_answer_so_far_travels_as_a_hidden_field(client, db):
    html = client.get(reverse("portal:help_start") + "?danger=no&topic=crime").content.decode()
    assert '<input type="hidden" name="danger" value="no">' in html
    assert '<input type="hidden" name="topic" value="crime">' in html
    assert '<input type="hidden" name="asked" value="reported">' in html


@pytest.mark.parametrize(
    ("language", "message"), [("en", "Choose one of the answers."), ("nb", "Velg ett av svarene.")]
)
def test_going_on_without_an_answer_says_so(client, db, language, message):
    speak(client, language)
    response = client.get(reverse("portal:help_start") + "?danger=no&asked=topic")
    html = response.content.decode()
    assert response.status_code == 400
    assert "ds-error-summary" in html
    assert message in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("query", ["danger=maybe", "topic=family", "danger=no&topic=%3Cscript%3E", "danger="])
def test_an_odd_query_string_asks_again_from_the_first_unclear_answer(client, db, query):
    response = client.get(reverse("portal:help_start") + "?" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_triage_pages_refuse_post(client, db):
    assert client.post(reverse("portal:help_start"), {"danger": "no"}).status_code == 405


# --- A dispute about a child goes to family mediation, however long ago the parents separated -----


def test_no_question_asks_whether_the_parents_are_moving_apart():
    """The route turns on the dispute, so a parent who separated years ago is not sent to the form."""
    for question in triage.QUESTIONS.values():
        text = f"{question.text} {question.hint}".lower()
        assert "separating" not in text
        assert "moving apart" not in text


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "Is the conflict about where the child will live, parental responsibility or contact (samvær)?"),
        ("nb", "Handler konflikten om hvor barnet skal bo, foreldreansvar eller samvær?"),
        ("nn", "Handlar konflikten om kvar barnet skal bu, foreldreansvar eller samvær?"),
    ],
)
def test_parents_of_a_child_under_16_are_asked_about_the_dispute_itself(client, db, language, question):
    speak(client, language)
    response = client.get(reverse("portal:help_start") + "?danger=no&topic=family&children=yes")
    assert response.status_code == 200
    assert h1(response) == question
    assert 'type="radio" name="dispute"' in response.content.decode()


def test_a_parent_separated_long_ago_with_a_contact_dispute_is_sent_to_family_mediation_not_the_form(client, db):
    """Separated ten years ago, now disagreeing about samvær: the answers never reach the referral form."""
    start = reverse("portal:help_start")
    steps = ["danger=no", "danger=no&topic=family", "danger=no&topic=family&children=yes"]
    for query in steps:
        response = client.get(start + "?" + query)
        assert response.status_code == 200  # one more question, no route yet
        assert "flytte" not in response.content.decode()
    query = "danger=no&topic=family&children=yes&dispute=yes"
    response = client.get(start + "?" + query)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:help_family_mediation") + "?" + query
    html = client.get(response["Location"]).content.decode()
    assert "familievernkontoret" in html
    assert "meklingsattest" in html


def test_the_family_mediation_route_holds_however_long_ago_they_separated(client, db):
    html = client.get(
        reverse("portal:help_family_mediation") + "?danger=no&topic=family&children=yes&dispute=yes"
    ).content.decode()
    assert "Dette gjelder uansett hvor lenge det er siden dere gikk fra hverandre" in html
