"""Which office serves a postcode, and the fallback when none does."""

import pytest

from mekle.accounts.models import Office, OfficeArea
from mekle.accounts.selectors import office_for_postcode, offices_to_call
from mekle.demo.cast import ensure_offices


def code_for(postcode):
    office = office_for_postcode(postcode)
    return office.code if office else None


@pytest.fixture
def areas(office_a, office_b):
    OfficeArea.objects.create(office=office_a, postcode_from="0001", postcode_to="1499")
    OfficeArea.objects.create(office=office_b, postcode_from="5000", postcode_to="5999")
    OfficeArea.objects.create(office=office_b, postcode_from="6700", postcode_to="6999")


@pytest.mark.parametrize(
    ("postcode", "code"),
    [("0001", "OSL"), ("0150", "OSL"), ("1499", "OSL"), ("5000", "BRG"), ("5003", "BRG"), ("6900", "BRG")],
)
def test_the_office_whose_area_holds_the_postcode_is_chosen(areas, postcode, code):
    assert code_for(postcode) == code


def test_a_narrow_area_inside_a_wide_one_wins(areas, office_a, office_b):
    OfficeArea.objects.create(office=office_a, postcode_from="5500", postcode_to="5599")
    assert office_for_postcode("5550") == office_a
    assert office_for_postcode("5600") == office_b


@pytest.mark.parametrize("postcode", ["9990", "1500", "abcd", "", "123"])
def test_without_a_matching_area_the_first_office_by_name_gets_it(areas, office_a, office_b, postcode):
    # "Konfliktrådet i Bergen" comes before "Konfliktrådet i Oslo".
    assert office_for_postcode(postcode) == office_b


def test_the_default_office_setting_is_the_fallback(areas, office_a, settings):
    settings.MEKLE_DEFAULT_OFFICE_CODE = "OSL"
    assert office_for_postcode("9990") == office_a


def test_an_unknown_default_office_code_falls_back_to_the_first_by_name(areas, office_b, settings):
    settings.MEKLE_DEFAULT_OFFICE_CODE = "XXX"
    assert office_for_postcode("9990") == office_b


def test_no_offices_means_no_office(db):
    assert office_for_postcode("0150") is None


def test_the_demo_offices_get_realistic_areas_once(db):
    ensure_offices()
    ensure_offices()
    assert code_for("0150") == "OSL"
    assert code_for("5003") == "BRG"
    assert code_for("6800") == "BRG"
    assert code_for("7010") == "TRD"
    assert OfficeArea.objects.count() == 4
    assert Office.objects.count() == 3


def test_only_offices_with_a_phone_number_are_offered_to_call(office_a, office_b):
    office_a.phone = "22 00 00 00"
    office_a.save()
    assert offices_to_call() == [office_a]
