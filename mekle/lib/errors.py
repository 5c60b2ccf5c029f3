"""A refusal: the one exception a service raises when a step is not possible now.

Every app refuses the same way, so it lives in the lowest layer: the journal, which has no case,
need not import the case lifecycle just to say no. Doors turn it into form errors or messages
(``mekle.lib.forms.run_service``); the API maps it to its error shape.
"""

from collections.abc import Sequence


class Refusal(Exception):
    """A step is not possible now; `reasons` say why, in the user's language."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))
