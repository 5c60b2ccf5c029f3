"""The case list's rows and the timeline's entries: the same as the templates used to print, kept safely."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from mekle.access.case_list import CaseFilters, case_list, list_rows
from mekle.accounts.models import User
from mekle.cases import services as case_services
from mekle.cases.models import Case, Status
from mekle.cases.selectors import case_events
from mekle.mediators import services as mediator_services
from mekle.testing.cast import register
from mekle.testing.kinds import NOTE_ADDED
from mekle.workspace import presenters
from mekle.workspace.case_list_forms import CaseFilterForm

LIST = reverse("workspace:case_list")


def test_list_names_are_the_parties_in_order_and_the_active_mediators_in_one_query(alice, mia, mats, office_a):
    case = register(alice, office_a, "Ola Nordmann", mediator=mia)
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mats)
    mediator_services.unassign_mediator(actor=alice, case=case, mediator=mia)
    bare = register(alice, office_a, "Per Hansen")
    with CaptureQueriesContext(connection) as queries:
        rows = {row.id: row for row in list_rows(case_list(alice, CaseFilters()))}
    assert len(queries) == 2  # the cases, and every name on the page
    assert rows[case.pk].party_names == ["Ola Nordmann", "Anne Annesen"]
    assert rows[case.pk].mediator_names == [str(mats)]
    assert rows[bare.pk].mediator_names == []
    assert (rows[case.pk].reference, rows[case.pk].status) == (case.reference, case.status)


def test_a_mediator_without_a_name_is_shown_by_username_as_everywhere_else(alice, office_a):
    nameless = User.objects.create_user("nameless", office=office_a, role="mediator")
    case = register(alice, office_a, mediator=nameless)
    (row,) = list_rows(Case.objects.filter(pk=case.pk))
    assert row.mediator_names == [str(nameless)] == ["nameless"]


def test_a_rows_link_is_what_reverse_gives(alice, office_a):
    case = register(alice, office_a)
    (row,) = presenters.case_rows(list_rows(Case.objects.filter(pk=case.pk)), dt.date.today())
    assert row.url == reverse("workspace:case_page", args=[case.reference])


def test_the_list_page_shows_names_dashes_and_links(client, alice, mia, office_a):
    with_mediator = register(alice, office_a, "Ola Nordmann", mediator=mia)
    without = register(alice, office_a, "Per Hansen")
    client.force_login(alice)
    body = client.get(LIST).content.decode()
    assert f'href="{reverse("workspace:case_page", args=[with_mediator.reference])}"' in body
    assert "Ola Nordmann, Anne Annesen" in body
    assert "Mia Lund" in body
    assert without.reference in body
    assert '<span class="mekle-muted">–</span>' in body  # no mediator on the second case


def test_the_filter_form_is_kept_per_values_choices_and_language(rf):
    def panel(query, mediators, language="nb"):
        with translation.override(language):
            form = CaseFilterForm(rf.get("/", query).GET or None, mediator_choices=mediators, office_choices=[(1, "O")])
            form.is_valid()
            fresh = "".join(str(field.as_field_group()) for field in form)
            kept = presenters.case_filter_panel(rf.get("/", query).GET, mediators, [(1, "O")])
            assert str(kept.html) == fresh
            return kept

    plain = panel({}, [(5, "Mia Lund")])
    assert panel({}, [(5, "Mia Lund")]) is plain
    assert plain.filters == CaseFilters()
    preparing = panel({"status": "preparing", "sort": "due", "page": "3"}, [(5, "Mia Lund")])
    assert preparing.html != plain.html
    assert preparing.filters == CaseFilters(status="preparing", sort="due")
    assert panel({"status": "preparing", "sort": "due", "page": "4"}, [(5, "Mia Lund")]) is preparing
    assert "Mats Moe" in panel({}, [(5, "Mia Lund"), (6, "Mats Moe")]).html
    invalid = panel({"status": "nonsense", "q": "Ola"}, [(5, "Mia Lund")])
    assert "ds-validation-message" in invalid.html
    assert invalid.filters == CaseFilters()  # a bad value is not half applied
    assert invalid.invalid_fields == {"status"}
    assert panel({}, [(5, "Mia Lund")], "en").html != plain.html


def test_timeline_entries_follow_the_language_and_each_events_content(alice, case):
    case_services.record_event(case=case, kind=NOTE_ADDED, actor=None, payload={"n": 1})
    events = case_events(case)
    with translation.override("en"):
        english = presenters.timeline_rows(events)
    with translation.override("nb"):
        bokmal = presenters.timeline_rows(events)
    assert [e.sequence for e in english] == [e.sequence for e in reversed(events)]
    assert english[-1].description == "Case registered"
    assert "Case registered" in english.html
    assert "Case registered" not in bokmal.html
    assert english[0].who == "the system"  # recorded without an actor
    assert "the system" in english.html
    assert english[-1].who == str(alice)
    assert str(alice) in english.html
    assert events[0].hash[:12] in english.html


def test_a_timeline_shown_again_is_the_kept_one_until_a_new_event(alice, case):
    events = case_events(case)
    with translation.override("en"):
        first = presenters.timeline_rows(events)
        assert presenters.timeline_rows(case_events(case)) is first
        case_services.record_event(case=case, kind=NOTE_ADDED, actor=None, payload={"n": 1})
        assert presenters.timeline_rows(case_events(case)) is not first
    with translation.override("nb"):
        assert presenters.timeline_rows(events) is not first


def test_party_rows_link_to_each_partys_pages(client, alice, case):
    client.force_login(alice)
    (ola, *_rest) = client.get(reverse("workspace:case_page", args=[case.reference])).context["parties"]
    assert ola.url == reverse("workspace:party_page", args=[case.reference, ola.id])
    assert ola.consent_url == reverse("workspace:record_consent", args=[case.reference, ola.id])
    assert ola.preparation_url == reverse("workspace:record_preparation", args=[case.reference, ola.id])
    assert ola.withdrawal_url == reverse("workspace:record_withdrawal", args=[case.reference, ola.id])


@pytest.mark.parametrize("reference", ["TRD-2026-00001", "OSL 2026 7", "Æøå-1", "a?b#c", "x%20y", "semi;colon", "100%"])
def test_a_link_made_once_for_a_page_is_what_reverse_gives_for_every_reference(reference):
    url_of = presenters.case_url_maker("workspace:case_page")
    assert url_of(reference) == reverse("workspace:case_page", args=[reference])


@pytest.mark.parametrize("reference", ["a/b", ""])
def test_a_reference_no_route_takes_is_refused_as_reverse_refuses_it(reference):
    with pytest.raises(NoReverseMatch):
        presenters.case_url_maker("workspace:case_page")(reference)


def test_a_value_outside_the_choices_is_shown_as_it_is_or_as_told():
    assert presenters._choice_label(Status, Status.PREPARING) == str(Status.PREPARING.label)
    assert presenters._choice_label(Status, "no_such_status") == "no_such_status"
    assert presenters._choice_label(Status, "no_such_status", unknown="") == ""
