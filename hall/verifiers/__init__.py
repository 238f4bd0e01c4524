"""The automatic verification of each service of the catalogue, by service code."""

from hall.verifiers import ethnicity, newborn, police
from hall.verifiers.base import Verifier

VERIFIERS: dict[str, Verifier] = {
    "ETHNICITY_CHANGE_MINOR": ethnicity.MINOR,
    "ETHNICITY_CHANGE_ADULT": ethnicity.ADULT,
    "NEWBORN_REGISTRATION": newborn.NEWBORN,
    "NAME_CHANGE": police.NAME_CHANGE,
    "ID_CARD_REISSUE": police.ID_CARD_REISSUE,
    "HOUSEHOLD_TRANSFER": police.HOUSEHOLD_TRANSFER,
    "HOUSEHOLD_CERTIFICATE": police.REGISTER_ONLY,
    "NO_CRIMINAL_RECORD_CERTIFICATE": police.REGISTER_ONLY,
    "HOUSEHOLD_BOOKLET_REISSUE": police.REGISTER_ONLY,
}
