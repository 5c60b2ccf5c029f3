"""An event kind declared for tests only: a note with a few numbers, for timelines of any length."""

from typing import TypedDict

from mekle.cases.events import register


class NoteAdded(TypedDict, total=False):
    n: int
    a: str
    b: int


NOTE_ADDED = register("note_added", "A note", NoteAdded)
