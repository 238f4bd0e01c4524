"""What approval drives in the owning agencies, per service: mutations through the gateway."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hall.verifiers.base import Subject

Variables = Callable[[Subject, dict[str, Any]], dict[str, Any]]


class StepFailed(Exception):
    """An execution step did not apply; `retry` says whether trying again may help."""

    def __init__(self, step: str, message: str, *, retry: bool) -> None:
        super().__init__(f"{step}: {message}")
        self.retry = retry


@dataclass(frozen=True, kw_only=True)
class Step:
    """One mutation: its name in the execution record, document, root field and variables."""

    name: str
    document: str
    field: str
    variables: Variables


OUTCOME = "replayed error { code message }"


def _decided_on(subject: Subject) -> str:
    if subject.decided_on is None:
        raise StepFailed("decision", "the application carries no decision day", retry=False)
    return subject.decided_on.isoformat()


RECORD_ETHNICITY_DECISION = Step(
    name="ethnic_affairs.approval",
    field="recordEthnicityChangeApproval",
    document=f"""
mutation RecordApproval(
  $application: String!, $id: String!, $from: String!, $to: String!, $basis: String!,
  $appliedOn: Date!, $decidedOn: Date!
) {{
  recordEthnicityChangeApproval(
    application: $application, idNumber: $id, fromCode: $from, toCode: $to, basis: $basis,
    appliedOn: $appliedOn, decidedOn: $decidedOn
  ) {{ change {{ number basis }} {OUTCOME} }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "id": s.subject_id,
        "from": s.facts.get("fromCode"),
        "to": s.details["target_ethnic_group"],
        "basis": s.facts.get("basis"),
        "appliedOn": s.submitted_on.isoformat(),
        "decidedOn": _decided_on(s),
    },
)
REGISTER_ETHNICITY = Step(
    name="police.ethnicity",
    field="registerEthnicityChange",
    document=f"""
mutation RegisterEthnicity(
  $application: String!, $id: String!, $to: String!, $basis: String!, $approval: String!,
  $on: Date!
) {{
  registerEthnicityChange(
    application: $application, idNumber: $id, toCode: $to, basis: $basis,
    approvalNumber: $approval, effectiveOn: $on
  ) {{ {OUTCOME} }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "id": s.subject_id,
        "to": s.details["target_ethnic_group"],
        "basis": done["ethnic_affairs.approval"]["change"]["basis"],
        "approval": done["ethnic_affairs.approval"]["change"]["number"],
        "on": _decided_on(s),
    },
)
CHANGE_NAME = Step(
    name="police.name",
    field="changeName",
    document=f"""
mutation ChangeName($application: String!, $id: String!, $name: String!, $on: Date!) {{
  changeName(application: $application, idNumber: $id, newName: $name, effectiveOn: $on) {{
    {OUTCOME}
  }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "id": s.subject_id,
        "name": s.details["new_name"],
        "on": _decided_on(s),
    },
)


REGISTER_NEWBORN = Step(
    name="police.newborn",
    field="registerNewborn",
    document=f"""
mutation RegisterNewborn(
  $application: String!, $certificate: String!, $name: String!, $sex: Sex!, $born: Date!,
  $ethnicity: String!, $mother: String!, $father: String, $household: String!
) {{
  registerNewborn(
    application: $application, birthCertificateNumber: $certificate, name: $name, sex: $sex,
    birthDate: $born, ethnicityCode: $ethnicity, motherId: $mother, fatherId: $father,
    householdNumber: $household
  ) {{ person {{ idNumber }} {OUTCOME} }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "certificate": s.facts.get("certificate"),
        "name": s.details["child_name"],
        "sex": s.facts.get("sex"),
        "born": s.facts.get("birthDate"),
        "ethnicity": s.details["ethnic_group"],
        "mother": s.facts.get("motherId"),
        "father": s.facts.get("fatherId"),
        "household": s.facts.get("householdNumber"),
    },
)
LINK_CERTIFICATE = Step(
    name="family_planning.certificate",
    field="linkBirthCertificate",
    document=f"""
mutation LinkCertificate($application: String!, $certificate: String!, $child: String!) {{
  linkBirthCertificate(application: $application, number: $certificate, childId: $child) {{
    linkedOn {OUTCOME}
  }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "certificate": s.facts.get("certificate"),
        "child": done["police.newborn"]["person"]["idNumber"],
    },
)


def _announce(agency: str, field: str) -> Step:
    return Step(
        name=f"{agency}.name",
        field=field,
        document=f"""
mutation AnnounceName($application: String!, $id: String!, $name: String!, $on: Date!) {{
  {field}(application: $application, idNumber: $id, newName: $name, effectiveOn: $on) {{
    {OUTCOME}
  }}
}}""",
        variables=CHANGE_NAME.variables,
    )


REISSUE_ID_CARD = Step(
    name="police.id_card",
    field="reissueIdCard",
    document=f"""
mutation ReissueIdCard(
  $application: String!, $id: String!, $reason: IdCardLossReason!, $lostOn: Date
) {{
  reissueIdCard(application: $application, idNumber: $id, reason: $reason, lostOn: $lostOn) {{
    card {{ serial issuedOn validUntil }} {OUTCOME}
  }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "id": s.subject_id,
        "reason": s.details["reason"],
        "lostOn": s.details.get("lost_on"),
    },
)
TRANSFER_HOUSEHOLD = Step(
    name="police.transfer",
    field="transferHousehold",
    document=f"""
mutation TransferHousehold(
  $application: String!, $id: String!, $region: String!, $address: String!
) {{
  transferHousehold(
    application: $application, idNumber: $id, destinationRegion: $region,
    destinationAddress: $address
  ) {{
    transfer {{ permitNumber transferCertificateNumber toHousehold {{ number }} }} {OUTCOME}
  }}
}}""",
    variables=lambda s, done: {
        "application": s.number,
        "id": s.subject_id,
        "region": s.details["destination_region"],
        "address": s.details["destination_address"],
    },
)


def _certificate(kind: str) -> Step:
    return Step(
        name="police.certificate",
        field="issueCertificate",
        document=f"""
mutation IssueCertificate($application: String!, $id: String!) {{
  issueCertificate(application: $application, idNumber: $id, kind: {kind}) {{
    certificate {{ number kind issuedOn }} {OUTCOME}
  }}
}}""",
        variables=lambda s, done: {"application": s.number, "id": s.subject_id},
    )


EXECUTORS: dict[str, tuple[Step, ...]] = {
    "NEWBORN_REGISTRATION": (REGISTER_NEWBORN, LINK_CERTIFICATE),
    "ETHNICITY_CHANGE_MINOR": (RECORD_ETHNICITY_DECISION, REGISTER_ETHNICITY),
    "ETHNICITY_CHANGE_ADULT": (RECORD_ETHNICITY_DECISION, REGISTER_ETHNICITY),
    "NAME_CHANGE": (
        CHANGE_NAME,
        _announce("tax", "taxRecordNameChange"),
        _announce("social_security", "socialSecurityRecordNameChange"),
        _announce("civil_affairs", "civilAffairsRecordNameChange"),
    ),
    "ID_CARD_REISSUE": (REISSUE_ID_CARD,),
    "HOUSEHOLD_TRANSFER": (TRANSFER_HOUSEHOLD,),
    "HOUSEHOLD_CERTIFICATE": (_certificate("HOUSEHOLD_CERTIFICATE"),),
    "NO_CRIMINAL_RECORD_CERTIFICATE": (_certificate("NO_CRIMINAL_RECORD"),),
    "HOUSEHOLD_BOOKLET_REISSUE": (_certificate("HOUSEHOLD_BOOKLET"),),
}
