"""The police's issuances as the tests send them: a card reissued, a move, a certificate."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from agencies.police import models
from agencies.population.calendar import years_after
from subgraph.execution.checks import today_in_china
from tests.agencies.execution import APPLICATION, Execution, WritableAgency
from tests.population import scenario

TODAY = today_in_china()
NINGHUA, NINGHUA_BUREAU = "350424", "350424000000"
SANYUAN, SANYUAN_FIRST_STATION = "350404", "350404510000"

# A man of 19 holding a valid card, which he lost.
HOLDER = scenario("adult_19_mixed").roles["child"]
LOST_CARD = "350424000000008"
LOST_ISSUED, LOST_VALID_UNTIL = date(2026, 4, 2), date(2036, 4, 2)
# The highest serial of 宁化县's series in the test population is 350424000000377.
NEW_CARD = "350424000000378"

# A man of 21, a son in his father's household in 宁化县, who moves to 三元区.
MOVER = scenario("adult_21_mixed").roles["child"]
LEFT_HOUSEHOLD = "35042400000005"
ADDRESS = "三明市三元区城关街道新市北路18号"
# The highest household number of 三元区 in the test population is 35040400000166.
NEW_HOUSEHOLD = "35040400000167"
PERMIT = f"ZQ{SANYUAN}{TODAY.year}000001"
TRANSFER_CERTIFICATE = f"QY{NINGHUA}{TODAY.year}000001"

# The head of that household asks for a household certificate.
CERTIFIED = scenario("adult_21_mixed").roles["father"]
CERTIFICATE = f"HJ{NINGHUA}{TODAY.year}000001"

REISSUE_ID_CARD = """
mutation($application: String!, $id: String!, $reason: IdCardLossReason!, $lostOn: Date) {
  reissueIdCard(application: $application, idNumber: $id, reason: $reason, lostOn: $lostOn) {
    replayed
    error { code message }
    card { serial issuedOn validUntil status issuingUnit { code } }
    person { idNumber idCards { serial status } }
  }
}
"""

TRANSFER_HOUSEHOLD = """
mutation($application: String!, $id: String!, $region: String!, $address: String!) {
  transferHousehold(
    application: $application, idNumber: $id, destinationRegion: $region,
    destinationAddress: $address
  ) {
    replayed
    error { code message }
    transfer {
      transferredOn permitNumber transferCertificateNumber application
      fromHousehold { number } toHousehold { number }
    }
    person {
      idNumber regionCode relationToHead
      household { number regionCode address station { code } head { idNumber } }
      householdTransfers { permitNumber }
    }
  }
}
"""

ISSUE_CERTIFICATE = """
mutation($application: String!, $id: String!, $kind: PoliceCertificateKind!) {
  issueCertificate(application: $application, idNumber: $id, kind: $kind) {
    replayed
    error { code message }
    certificate { number kind issuedOn application issuingUnit { code } }
    person { idNumber certificates { number } }
  }
}
"""


async def cards_of(police: WritableAgency, id_number: str = HOLDER) -> tuple[Any, ...]:
    """The person's cards and card reissues, as stored."""
    cards = await police.rows(
        select(models.IdCard)
        .where(models.IdCard.person_id == id_number)
        .order_by(models.IdCard.serial)
    )
    reissues = await police.rows(
        select(models.IdCardReissue).where(models.IdCardReissue.person_id == id_number)
    )
    return (
        [(c.serial, c.issued_on, c.valid_until, c.issuing_unit, c.status) for c in cards],
        [
            (r.serial, r.replaced_serial, r.reason, r.lost_on, r.reissued_on, r.application)
            for r in reissues
        ],
    )


async def registration_of(police: WritableAgency, id_number: str = MOVER) -> tuple[Any, ...]:
    """Where the person is registered, the households of the county moved to, the transfers."""
    person = await police.rows(select(models.Person).where(models.Person.id_number == id_number))
    households = await police.rows(
        select(models.Household).where(models.Household.number == NEW_HOUSEHOLD)
    )
    transfers = await police.rows(
        select(models.HouseholdTransfer).where(models.HouseholdTransfer.person_id == id_number)
    )
    return (
        [(p.region_code, p.household_no, p.relation) for p in person],
        [(h.number, h.region_code, h.station_code, h.address, h.head_id) for h in households],
        [
            (
                t.from_household,
                t.to_household,
                t.transferred_on,
                t.permit_number,
                t.certificate_number,
                t.application,
            )
            for t in transfers
        ],
    )


async def certificates_of(police: WritableAgency, id_number: str = CERTIFIED) -> list[Any]:
    """The certificates issued to the person, as stored."""
    rows = await police.rows(
        select(models.PoliceCertificate)
        .where(models.PoliceCertificate.person_id == id_number)
        .order_by(models.PoliceCertificate.number)
    )
    return [(c.number, c.kind, c.issued_on, c.issuing_unit, c.application) for c in rows]


async def certificate_state(police: WritableAgency) -> tuple[Any, ...]:
    """The certificates of the person certified, as a state tuple."""
    return (await certificates_of(police),)


LOST_ON = date(2026, 11, 20)
ID_CARD_REISSUE = Execution(
    field="reissueIdCard",
    document=REISSUE_ID_CARD,
    variables={
        "application": APPLICATION,
        "id": HOLDER,
        "reason": "LOST",
        "lostOn": LOST_ON.isoformat(),
    },
    other_arguments={"lostOn": "2026-11-21"},
    answer={
        "replayed": False,
        "error": None,
        "card": {
            "serial": NEW_CARD,
            "issuedOn": TODAY.isoformat(),
            "validUntil": years_after(TODAY, 10).isoformat(),
            "status": "VALID",
            "issuingUnit": {"code": NINGHUA_BUREAU},
        },
        "person": {
            "idNumber": HOLDER,
            "idCards": [
                {"serial": NEW_CARD, "status": "VALID"},
                {"serial": LOST_CARD, "status": "LOST"},
            ],
        },
    },
    state=cards_of,
    before=([(LOST_CARD, LOST_ISSUED, LOST_VALID_UNTIL, NINGHUA_BUREAU, "VALID")], []),
    after=(
        [
            (LOST_CARD, LOST_ISSUED, LOST_VALID_UNTIL, NINGHUA_BUREAU, "LOST"),
            (NEW_CARD, TODAY, years_after(TODAY, 10), NINGHUA_BUREAU, "VALID"),
        ],
        [(NEW_CARD, LOST_CARD, "LOST", LOST_ON, TODAY, APPLICATION)],
    ),
    subject=HOLDER,
    line=3,
)
HOUSEHOLD_TRANSFER = Execution(
    field="transferHousehold",
    document=TRANSFER_HOUSEHOLD,
    variables={"application": APPLICATION, "id": MOVER, "region": SANYUAN, "address": ADDRESS},
    other_arguments={"address": "三明市三元区白沙街道长安路1号"},
    answer={
        "replayed": False,
        "error": None,
        "transfer": {
            "transferredOn": TODAY.isoformat(),
            "permitNumber": PERMIT,
            "transferCertificateNumber": TRANSFER_CERTIFICATE,
            "application": APPLICATION,
            "fromHousehold": {"number": LEFT_HOUSEHOLD},
            "toHousehold": {"number": NEW_HOUSEHOLD},
        },
        "person": {
            "idNumber": MOVER,
            "regionCode": SANYUAN,
            "relationToHead": "户主",
            "household": {
                "number": NEW_HOUSEHOLD,
                "regionCode": SANYUAN,
                "address": ADDRESS,
                "station": {"code": SANYUAN_FIRST_STATION},
                "head": {"idNumber": MOVER},
            },
            "householdTransfers": [{"permitNumber": PERMIT}],
        },
    },
    state=registration_of,
    before=([(NINGHUA, LEFT_HOUSEHOLD, "子")], [], []),
    after=(
        [(SANYUAN, NEW_HOUSEHOLD, "户主")],
        [(NEW_HOUSEHOLD, SANYUAN, SANYUAN_FIRST_STATION, ADDRESS, MOVER)],
        [
            (
                LEFT_HOUSEHOLD,
                NEW_HOUSEHOLD,
                TODAY,
                PERMIT,
                TRANSFER_CERTIFICATE,
                APPLICATION,
            )
        ],
    ),
    subject=MOVER,
    line=3,
)
CERTIFICATE_ISSUE = Execution(
    field="issueCertificate",
    document=ISSUE_CERTIFICATE,
    variables={"application": APPLICATION, "id": CERTIFIED, "kind": "HOUSEHOLD_CERTIFICATE"},
    other_arguments={"kind": "NO_CRIMINAL_RECORD"},
    answer={
        "replayed": False,
        "error": None,
        "certificate": {
            "number": CERTIFICATE,
            "kind": "HOUSEHOLD_CERTIFICATE",
            "issuedOn": TODAY.isoformat(),
            "application": APPLICATION,
            "issuingUnit": {"code": NINGHUA_BUREAU},
        },
        "person": {"idNumber": CERTIFIED, "certificates": [{"number": CERTIFICATE}]},
    },
    state=certificate_state,
    before=([],),
    after=([(CERTIFICATE, "HOUSEHOLD_CERTIFICATE", TODAY, NINGHUA_BUREAU, APPLICATION)],),
    subject=CERTIFIED,
    line=3,
)
ISSUANCES = [
    pytest.param(ID_CARD_REISSUE, id="id-card"),
    pytest.param(HOUSEHOLD_TRANSFER, id="transfer"),
    pytest.param(CERTIFICATE_ISSUE, id="certificate"),
]
