"""The GraphQL shape of an ethnicity-change eligibility decision (eligibility.py decides it)."""

from __future__ import annotations

from enum import Enum

import strawberry

from agencies.ethnic_affairs import eligibility
from subgraph.guard import SENSITIVE, Guard, Guarded


@strawberry.enum(description="Whose ethnicity a changed ethnicity follows.")
class EthnicityChangeBasis(Enum):
    FATHER = strawberry.enum_value("FATHER", description="The father's ethnicity.")
    MOTHER = strawberry.enum_value("MOTHER", description="The mother's ethnicity.")
    STEP_PARENT = strawberry.enum_value(
        "STEP_PARENT", description="The ethnicity of a step-parent who raises the child."
    )
    ADOPTIVE_PARENT = strawberry.enum_value(
        "ADOPTIVE_PARENT", description="The ethnicity of an adoptive parent."
    )


@strawberry.enum(description="What one check of an ethnicity-change application verifies.")
class EligibilityCheckCode(Enum):
    TARGET_KNOWN = strawberry.enum_value(
        "TARGET_KNOWN", description="The ethnicity applied for is a GB 3304 code."
    )
    TARGET_DIFFERS = strawberry.enum_value(
        "TARGET_DIFFERS", description="It differs from the registered ethnicity."
    )
    NOT_CHANGED_BEFORE = strawberry.enum_value(
        "NOT_CHANGED_BEFORE", description="No earlier change was approved: one change only."
    )
    AGE = strawberry.enum_value(
        "AGE", description="A minor, or an adult within two years after turning 18."
    )
    MINOR_HEARD = strawberry.enum_value(
        "MINOR_HEARD",
        description="A minor of 16 or more must be heard; never passed yet, never a refusal.",
    )
    ADOPTED = strawberry.enum_value(
        "ADOPTED", description="An adoption of the minor is registered."
    )
    MARRIAGE_CHANGED = strawberry.enum_value(
        "MARRIAGE_CHANGED",
        description="The parents divorced, or the parent raising the minor remarried.",
    )
    RAISING_PARENT_DIFFERS = strawberry.enum_value(
        "RAISING_PARENT_DIFFERS",
        description="The minor's ethnicity differs from a raising parent's or step-parent's.",
    )
    TARGET_IS_PARENTS = strawberry.enum_value(
        "TARGET_IS_PARENTS",
        description="The ethnicity applied for is that of a parent the applicant may follow.",
    )


@Guarded(part_of="Person")
@strawberry.type(description="One check of an eligibility decision and the record it rests on.")
class EligibilityCheck:
    code: EligibilityCheckCode = strawberry.field(
        description="What the check verifies.", extensions=[Guard(SENSITIVE)]
    )
    passed: bool = strawberry.field(
        description="Whether the condition holds.", extensions=[Guard(SENSITIVE)]
    )
    summary_zh: str = strawberry.field(
        description="What was found, in Chinese.", extensions=[Guard(SENSITIVE)]
    )
    summary_en: str = strawberry.field(
        description="What was found, in English.", extensions=[Guard(SENSITIVE)]
    )
    source_agency: str = strawberry.field(
        description="The agency holding the record: police, civil_affairs or ethnic_affairs.",
        extensions=[Guard(SENSITIVE)],
    )
    record_type: str = strawberry.field(
        description="The record's type in that agency's subgraph, e.g. Marriage.",
        extensions=[Guard(SENSITIVE)],
    )
    record_reference: str = strawberry.field(
        description="The record's key: an ID, marriage, adoption or approval number, a code.",
        extensions=[Guard(SENSITIVE)],
    )

    @staticmethod
    def from_check(check: eligibility.Check) -> EligibilityCheck:
        """Map one check of the rules."""
        return EligibilityCheck(
            code=EligibilityCheckCode(check.code.value),
            passed=check.passed,
            summary_zh=check.summary_zh,
            summary_en=check.summary_en,
            source_agency=check.source_agency,
            record_type=check.record_type,
            record_reference=check.record_reference,
        )


@Guarded(part_of="Person")
@strawberry.type(description="Whether a person may change their ethnicity, and why.")
class EthnicityChangeEligibility:
    eligible: bool = strawberry.field(
        description="Whether the rules allow the change (a MINOR_HEARD check does not refuse).",
        extensions=[Guard(SENSITIVE)],
    )
    basis: EthnicityChangeBasis | None = strawberry.field(
        description="Whose ethnicity the change would follow; null if not eligible.",
        extensions=[Guard(SENSITIVE)],
    )
    checks: list[EligibilityCheck] = strawberry.field(
        description="Every check made, each naming its source agency and record.",
        extensions=[Guard(SENSITIVE)],
    )

    @staticmethod
    def from_result(result: eligibility.Eligibility) -> EthnicityChangeEligibility:
        """Map the rules' decision."""
        return EthnicityChangeEligibility(
            eligible=result.eligible,
            basis=None if result.basis is None else EthnicityChangeBasis(result.basis.value),
            checks=[EligibilityCheck.from_check(check) for check in result.checks],
        )
