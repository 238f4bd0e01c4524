"""The person lookup's form: a purpose and a case first, then the ID number; kept sealed.

A valid lookup is sealed (encrypted, bound to the account, short-lived) into the address of
the result page, so ID numbers never appear in addresses or logs and the page can be reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from web.forms import Form
from web.i18n import N_
from web.kit import Visit
from web.workbench.validation import id_number_problem, is_case_number, normalized_id_number

LOOKUP_TTL = 15 * 60
MAX_CASE = 40
# The purposes staff declare to read a person (the policies grant them nothing else), and
# whether each needs a case: an investigation names its case file (the audit log flags one
# without), a service application names the application, question or flag.
PURPOSES: dict[str, tuple[str, bool]] = {
    "CASE_INVESTIGATION": (N_("Case investigation"), True),
    "SERVICE_APPLICATION": (N_("Handling a service application"), True),
    "HOUSEHOLD_ADMINISTRATION": (N_("Household registration administration"), False),
}


@dataclass
class Lookup:
    """What the staff member declared and asked for, and what is wrong with it."""

    purpose: str = ""
    case: str = ""
    id_number: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, form: Form) -> Lookup:
        """The lookup as posted, checked."""
        lookup = cls(form.get("purpose"), form.get("case"), form.get("id_number"))
        lookup.errors = lookup.problems()
        return lookup

    @property
    def case_number(self) -> str:
        """The case as declared: upper case, without spaces."""
        return "".join(self.case.split()).upper()

    @property
    def person(self) -> str:
        """The ID number asked for, without spaces and with an upper-case X."""
        return normalized_id_number(self.id_number)

    def problems(self) -> dict[str, str]:
        """The message of each field that is not acceptable (the fields as typed are kept)."""
        errors: dict[str, str] = {}
        if not self.purpose:
            errors["purpose"] = N_("Choose the purpose of this lookup.")
        elif self.purpose not in PURPOSES:
            errors["purpose"] = N_("Choose a purpose from the list.")
        needs_case = PURPOSES.get(self.purpose, ("", False))[1]
        if not self.case_number:
            if needs_case:
                errors["case"] = N_("This purpose needs a case: give its number.")
        elif len(self.case_number) > MAX_CASE or not is_case_number(self.case_number):
            errors["case"] = N_(
                "A case is a hall application, question or flag number (SQ…, ZX…, JD…) "
                "or a police case number such as NH-2026-5101."
            )
        problem = id_number_problem(self.person)
        if problem is not None:
            errors["id_number"] = problem
        return errors

    def seal(self, visit: Visit) -> str:
        """The lookup sealed for the signed-in account."""
        assert visit.user is not None
        value = {"u": visit.user.login, "p": self.purpose, "c": self.case_number, "i": self.person}
        return visit.web.sealer("workbench-lookup").seal(value, ttl=LOOKUP_TTL)

    @classmethod
    def opened(cls, visit: Visit, sealed: str) -> Lookup | None:
        """The lookup sealed in an address, if it is the account's own and still fresh."""
        value = visit.web.sealer("workbench-lookup").open(sealed)
        if value is None or visit.user is None or value.get("u") != visit.user.login:
            return None
        lookup = cls(str(value.get("p", "")), str(value.get("c", "")), str(value.get("i", "")))
        return None if lookup.problems() else lookup
