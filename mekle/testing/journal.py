"""Journal keepers for tests: a parent with a journal account."""

from mekle.accounts.models import Role, User
from mekle.journal import services


def keeper(name: str = "Nora Berg", email: str = "nora@example.no") -> User:
    """A parent with a journal account, as signing up creates one."""
    services.create_journal_account(full_name=name, email=email)
    return User.objects.get(email=email, role=Role.JOURNAL)
