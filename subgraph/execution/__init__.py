"""Executing approved applications: idempotent, authorized write mutations of the agencies.

The online service hall drives the change an approval decides through one mutation per
agency, sent through the gateway by its system actor (purpose SERVICE_APPLICATION, case = the
application number). Every such mutation:

- declares what it writes with `Permit(WRITE, ...)` (subgraph/guard/permit.py), binding its
  `application` argument to the actor's declared case;
- takes `application: String!`, the idempotency key, stored in the agency's record of the
  change (a model with the `Executed` columns, UNIQUE), and runs its service through
  `apply_once` (once.py): a repeat with the same arguments changes nothing and answers the
  same outcome with `replayed: true`; with other arguments it is a CONFLICT; of two concurrent
  calls, the database lets one apply and the other answers as a replay;
- answers a payload `{ replayed error { code message } ... }`; business failures (unknown
  person, unknown code, a record that does not allow the change) are `ExecutionError`s in the
  payload (outcome.py), and nothing is changed.

The announcement of a police name change, which tax, social security and civil affairs record
alike, is shared in name_change.py.
"""

from subgraph.execution.checks import application_number, day_in_life, person_name, short_text
from subgraph.execution.once import Applied, Executed, apply_once, request_digest
from subgraph.execution.outcome import (
    ExecutionError,
    ExecutionErrorCode,
    ExecutionFailed,
    error_field,
    execute,
    replayed_field,
)

__all__ = [
    "Applied",
    "Executed",
    "ExecutionError",
    "ExecutionErrorCode",
    "ExecutionFailed",
    "application_number",
    "apply_once",
    "day_in_life",
    "error_field",
    "execute",
    "person_name",
    "replayed_field",
    "request_digest",
    "short_text",
]
