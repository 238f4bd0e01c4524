"""Field rules declared on Strawberry types and applied by the kit, never inside resolvers.

An agency declares, per Strawberry type, which attributes of an object carry the record's region
code, owning unit and data subject(s) (`Guarded`), and per field the class of data it holds
(`Guard`, a Strawberry field extension):

    @Guarded(model=models.Person, region="region_code", subject="id_number")
    @strawberry.federation.type(keys=["idNumber"], description="A person.")
    class Person:
        id_number: str = strawberry.field(description="...", extensions=[Guard(PUBLIC)])
        name: str = strawberry.field(description="...", extensions=[Guard(BASIC)])

        @strawberry.field(description="...", extensions=[Guard(SENSITIVE)])
        async def id_cards(self, info: Info) -> list[IdCard]: ...

What the kit does with the declarations:

- Before a field resolves, it asks the request's DecisionCache once per (type, field class)
  and checks the record against the decision's jurisdiction (region, unit, data subjects). A
  refused field is null with a `FORBIDDEN` error naming `Type.field`; its siblings still
  arrive. Since a refusal nulls the field, every field but a `PUBLIC` one is nullable in the
  schema (the kit widens its type). `PUBLIC` is for keys and codes (the gateway joins on
  them) and reference data.
- Lists are filtered in SQL: `load_list` (for a model a `Guarded` type names) and services
  called with `call_service(..., listing=Type)` get the actor's jurisdiction as a WHERE
  clause (`where_clause`), so records outside it are never loaded.
- Every allowed or refused read of a personal field is noted for the audit (subgraph/audit.py),
  which the view writes before the answer leaves.

A value type only reachable through a guarded field of another record (an ID card of a
person) declares `Guarded(part_of="Person")`: its fields are decided as the owner's type and
checked against the owner's record, which the kit remembers when the owner's field returns it.

Mutations declare the records they change with `Permit(WRITE, type_name=..., subject=...)`
(subgraph/guard/permit.py): the write is decided and checked before the resolver runs, and
noted for the audit; a schema with a mutation field lacking a `Permit` is not built.
"""

from subgraph.guard.declarations import (
    BASIC,
    CONTACT,
    FAMILY,
    PUBLIC,
    SENSITIVE,
    WRITE,
    Attr,
    Guarded,
    id_number_region,
)
from subgraph.guard.extension import Guard, guard_of, registry_of, rules_of
from subgraph.guard.permit import Permit, WriteForbidden, permit_of, unpermitted_mutations
from subgraph.guard.request import GuardRegistry, RequestGuard
from subgraph.guard.sql import where_clause

__all__ = [
    "BASIC",
    "CONTACT",
    "FAMILY",
    "PUBLIC",
    "SENSITIVE",
    "WRITE",
    "Attr",
    "Guard",
    "GuardRegistry",
    "Guarded",
    "Permit",
    "RequestGuard",
    "WriteForbidden",
    "guard_of",
    "id_number_region",
    "permit_of",
    "registry_of",
    "rules_of",
    "unpermitted_mutations",
    "where_clause",
]
