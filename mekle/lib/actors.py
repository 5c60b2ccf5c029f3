"""Who acts, as any app may name it without knowing Mekle's user model: a user or a visitor."""

from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

# `cases` may import no other Mekle app, so it cannot name `accounts.User`: it takes this, and
# everything above it takes `accounts.types.Actor` (a `User`, which is an `AbstractBaseUser`).
BaseActor: TypeAlias = AbstractBaseUser | AnonymousUser
