"""The names only the portal shows for the API's codes (fees, deliveries, flags, records), and
the names of every kind of code its pages show."""

from __future__ import annotations

from web.i18n import N_
from web.labels import ACTOR_KINDS, AGENCIES, DECISIONS, DELIVERY_METHODS, STATES

# States in which an application is finished (the others are still open for the citizen).
FINISHED_STATES = frozenset({"REJECTED", "CLOSED"})
# The applicant may rate an application once its result reached them.
RATEABLE_STATES = frozenset({"DELIVERED", "CLOSED"})

DELIVERY_STATES = {
    "AWAITING_PICKUP": N_("Waiting at the window"),
    "SHIPPED": N_("Shipped"),
    "DELIVERED": N_("Delivered"),
}
SHIPMENT_DIRECTIONS = {
    "OUTBOUND": N_("Result sent to you"),
    "INBOUND": N_("Originals sent by you"),
}
SHIPMENT_STATES = {
    "BOOKED": N_("Booked"),
    "COLLECTED": N_("Collected by the courier"),
    "IN_TRANSIT": N_("In transit"),
    "OUT_FOR_DELIVERY": N_("Out for delivery"),
    "DELIVERED": N_("Delivered"),
}
FEE_STATES = {"PENDING": N_("Not paid yet"), "PAID": N_("Paid"), "CANCELLED": N_("Cancelled")}
FLAG_KINDS = {
    "ASKED_FOR_FETCHED_MATERIAL": N_("I was asked for a paper the platform fetches"),
    "DELAY": N_("It is taking too long"),
    "CONDUCT": N_("Staff conduct"),
}
FLAG_STATES = {"OPEN": N_("Open"), "ANSWERED": N_("Answered"), "RESOLVED": N_("Resolved")}
QUESTION_STATES = {"OPEN": N_("Waiting for an answer"), "ANSWERED": N_("Answered")}
APPLICANT_KINDS = {
    "SELF": N_("The person concerned"),
    "PARENT_OR_GUARDIAN": N_("A parent or guardian, for a minor"),
}
UNIT_LEVELS = {
    "CITY": N_("City bureau of Sanming"),
    "COUNTY": N_("County bureau of the applicant's county"),
    "STATION": N_("Police station of the applicant's household"),
}
RECORD_TYPES = {
    "Person": N_("Personal record"),
    "Household": N_("Household"),
    "EthnicityRecord": N_("Ethnicity history"),
    "EthnicityChange": N_("Ethnicity-change decision"),
    "EthnicGroup": N_("Ethnic group"),
    "IdCard": N_("ID card"),
    "NameRecord": N_("Name history"),
    "CaseFile": N_("Case file"),
    "Marriage": N_("Marriage"),
    "Adoption": N_("Adoption"),
    "Guardianship": N_("Guardianship"),
    "BirthCertificate": N_("Birth medical certificate"),
    "Taxpayer": N_("Taxpayer registration"),
    "TaxClearance": N_("Tax clearance"),
    "InsuranceEnrolment": N_("Social insurance"),
    "Application": N_("Application"),
    "FeeOrder": N_("Fee"),
    "Delivery": N_("Delivery"),
    "Shipment": N_("Parcel"),
    "ServiceRating": N_("Rating"),
    "ServiceQuestion": N_("Question"),
    "QuestionAnswer": N_("Answer to a question"),
    "SupervisionFlag": N_("Flag"),
    "FlagResponse": N_("Response to a flag"),
    "AccessEntry": N_("Access log"),
}
KINDS: dict[str, dict[str, str]] = {
    "state": STATES,
    "delivery": DELIVERY_METHODS,
    "delivery_state": DELIVERY_STATES,
    "direction": SHIPMENT_DIRECTIONS,
    "shipment": SHIPMENT_STATES,
    "fee": FEE_STATES,
    "flag": FLAG_KINDS,
    "flag_state": FLAG_STATES,
    "question": QUESTION_STATES,
    "decision": DECISIONS,
    "actor": ACTOR_KINDS,
    "applicant": APPLICANT_KINDS,
    "level": UNIT_LEVELS,
    "agency": AGENCIES,
    "record": RECORD_TYPES,
}
