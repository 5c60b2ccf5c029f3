"""A Schemathesis check for the one refusal of valid-looking data that the schema cannot state.

schemathesis.toml lets POST /referrals answer a schema-valid body with 422: a referral can break a
rule JSON Schema has no words for (a national identity number's check digits, a date in the future,
a minor without a guardian, what the referrer's kind may send). This check keeps that allowance
narrow: such a 422 must name its fields, and none of them with one of Pydantic's own error types,
which would mean the schema promised something the validation refuses. Loaded by the CLI through
schemathesis.toml's `hooks` and by test_openapi.py.
"""

from typing import Any, get_args

import schemathesis
from pydantic_core.core_schema import ErrorType

SCHEMA_ERRORS = frozenset(get_args(ErrorType))


@schemathesis.check
def refusals_of_valid_data_name_a_rule(ctx: Any, response: Any, case: Any) -> bool | None:
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 422:
        return None
    fields = response.json().get("error", {}).get("fields", [])
    schema_errors = sorted({field["code"] for field in fields} & SCHEMA_ERRORS)
    assert fields, "A 422 for schema-valid data must name the fields that break a rule"
    assert not schema_errors, f"Schema-valid data refused for schema constraints: {', '.join(schema_errors)}"
    return None
