import pytest

from mekle.testing.api import make_world


@pytest.fixture
def keys(office_a, office_b):
    return make_world(office_a, office_b)
