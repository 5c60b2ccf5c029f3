"""How Mekle shows a person's name: one rule for every reader (``accounts.display_name``)."""


def display_name(first: str, last: str, username: str) -> str:
    """A person as Mekle shows them (``User.__str__``): the full name, or the username without one."""
    return f"{first} {last}".strip() or username
