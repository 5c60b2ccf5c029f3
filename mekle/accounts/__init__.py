"""Staff and portal accounts, their offices and roles."""

from mekle.lib.names import display_name

__all__ = ["display_name"]
