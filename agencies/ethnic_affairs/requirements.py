"""What the eligibility rules need from the police and civil affairs, through `@requires`.

`REQUIREMENT` is the field set of `Person.ethnicityChangeEligibility`: the smallest one that
decides every case. The gateway fetches it from the police (birth date, ethnicity, household,
parents, spouses' ethnicities) and civil affairs (the parents' marriages, the adoptions) and
sends it in the entity representation; `applicant_of` reads it into the rules' records.

The stub types below (the police's Household, civil affairs' Marriage and Adoption, with the
owners' descriptions) declare those agencies' fields as `@external`: this subgraph never
resolves them (the gateway asks their owners), so their field classes are the owners'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.federation.schema_directives import Key

from agencies.ethnic_affairs import eligibility
from subgraph.errors import BadUserInput
from subgraph.guard import FAMILY, PUBLIC, SENSITIVE, Guard, Guarded

if TYPE_CHECKING:
    from agencies.ethnic_affairs.schema import Person

LazyPerson = Annotated["Person", strawberry.lazy("agencies.ethnic_affairs.schema")]

_SPOUSE = "{ idNumber ethnicityCode }"
_MARRIAGES = f"marriages {{ number registeredOn divorcedOn husband {_SPOUSE} wife {_SPOUSE} }}"
_PARENT = f"{{ idNumber ethnicityCode household {{ number }} {_MARRIAGES} }}"
REQUIREMENT = (
    "birthDate ethnicityCode household { number } "
    f"father {_PARENT} mother {_PARENT} "
    "adoptions { number adoptiveFather { idNumber } adoptiveMother { idNumber } }"
)
FIELD = "ethnicityChangeEligibility"


@Guarded()
@strawberry.federation.type(
    keys=[Key(fields="number", resolvable=False)],
    description="A registered household (户).",
)
class Household:
    number: str = strawberry.field(description="Household number.", extensions=[Guard(PUBLIC)])


@Guarded()
@strawberry.federation.type(
    keys=[Key(fields="number", resolvable=False)],
    description="A marriage registration (结婚登记).",
)
class Marriage:
    number: str = strawberry.field(
        description="Marriage certificate number.", extensions=[Guard(PUBLIC)]
    )
    registered_on: date = strawberry.federation.field(
        external=True, description="Day the marriage was registered.", extensions=[Guard(FAMILY)]
    )
    divorced_on: date | None = strawberry.federation.field(
        external=True,
        description="Day the divorce was registered; null while the marriage stands.",
        extensions=[Guard(FAMILY)],
    )
    husband: LazyPerson = strawberry.federation.field(
        external=True,
        description="The husband; the police subgraph resolves the person.",
        extensions=[Guard(FAMILY)],
    )
    wife: LazyPerson = strawberry.federation.field(
        external=True,
        description="The wife; the police subgraph resolves the person.",
        extensions=[Guard(FAMILY)],
    )


@Guarded()
@strawberry.federation.type(
    keys=[Key(fields="number", resolvable=False)],
    description="An adoption registration (收养登记).",
)
class Adoption:
    number: str = strawberry.field(
        description="Adoption registration number.", extensions=[Guard(PUBLIC)]
    )
    adoptive_father: LazyPerson | None = strawberry.federation.field(
        external=True,
        description="The adoptive father; null when a woman adopted alone.",
        extensions=[Guard(SENSITIVE)],
    )
    adoptive_mother: LazyPerson | None = strawberry.federation.field(
        external=True,
        description="The adoptive mother; null when a man adopted alone.",
        extensions=[Guard(SENSITIVE)],
    )


class _Fields:
    """One object of a representation, read with the path of every value for errors."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise _incomplete(path)
        self.value, self.path = value, path

    def need(self, name: str) -> Any:
        """A value the owner always records: missing or null means the gateway left it out."""
        value = self.value.get(name)
        if value is None:
            raise _incomplete(f"{self.path}.{name}")
        return value

    def may(self, name: str) -> Any:
        """A value the owner may lack (null), which must still be sent."""
        if name not in self.value:
            raise _incomplete(f"{self.path}.{name}")
        return self.value[name]

    def items(self, name: str) -> list[_Fields]:
        """The objects of a list value."""
        values = self.need(name)
        if not isinstance(values, list):
            raise _incomplete(f"{self.path}.{name}")
        return [_Fields(item, f"{self.path}.{name}[{i}]") for i, item in enumerate(values)]

    def object(self, name: str) -> _Fields | None:
        """An object value the owner may lack (null)."""
        value = self.may(name)
        return None if value is None else _Fields(value, f"{self.path}.{name}")


def _incomplete(path: str) -> BadUserInput:
    return BadUserInput(
        f"{FIELD} needs {path} in the representation (its @requires): "
        "missing, or null because the caller may not read it"
    )


def applicant_of(
    id_number: str,
    representation: Mapping[str, Any],
    prior_changes: Sequence[eligibility.PriorChange],
) -> eligibility.Applicant:
    """Read the required fields of a person's representation into the rules' applicant."""
    fields = _Fields(representation, "Person")
    household = fields.object("household")
    father, mother = fields.object("father"), fields.object("mother")
    return eligibility.Applicant(
        id_number=id_number,
        birth_date=date.fromisoformat(fields.need("birthDate")),
        ethnicity_code=fields.need("ethnicityCode"),
        household_number=None if household is None else household.need("number"),
        father=None if father is None else _parent(father),
        mother=None if mother is None else _parent(mother),
        adoptions=tuple(_adoption(item) for item in fields.items("adoptions")),
        prior_changes=tuple(prior_changes),
    )


def _parent(fields: _Fields) -> eligibility.Parent:
    household = fields.object("household")
    return eligibility.Parent(
        id_number=fields.need("idNumber"),
        ethnicity_code=fields.need("ethnicityCode"),
        household_number=None if household is None else household.need("number"),
        marriages=tuple(_marriage(item) for item in fields.items("marriages")),
    )


def _marriage(fields: _Fields) -> eligibility.Marriage:
    divorced_on = fields.may("divorcedOn")
    return eligibility.Marriage(
        number=fields.need("number"),
        registered_on=date.fromisoformat(fields.need("registeredOn")),
        divorced_on=None if divorced_on is None else date.fromisoformat(divorced_on),
        husband=_spouse(_Fields(fields.need("husband"), f"{fields.path}.husband")),
        wife=_spouse(_Fields(fields.need("wife"), f"{fields.path}.wife")),
    )


def _spouse(fields: _Fields) -> eligibility.Spouse:
    # A spouse's ethnicity may be unknown (not in the police register): not a step-parent then.
    return eligibility.Spouse(fields.need("idNumber"), fields.may("ethnicityCode"))


def _adoption(fields: _Fields) -> eligibility.Adoption:
    father, mother = fields.object("adoptiveFather"), fields.object("adoptiveMother")
    return eligibility.Adoption(
        number=fields.need("number"),
        adoptive_father_id=None if father is None else father.need("idNumber"),
        adoptive_mother_id=None if mother is None else mother.need("idNumber"),
    )
