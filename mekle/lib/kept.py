"""A small least-recently-used store shared by a process's threads, for values that never go stale.

Mekle keeps here only what is a pure function of its key: a timeline read up to a given event
(events never change once written), a rendered fragment keyed by everything it shows.
"""

import threading
from collections import OrderedDict
from typing import Any


class Kept:
    every: "list[Kept]" = []  # for tests, which empty them all between tests

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()
        Kept.every.append(self)

    def get(self, key: Any) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()

    @classmethod
    def clear_all(cls) -> None:
        for kept in cls.every:
            kept.clear()
