"""The names the portal shows for the API's codes (enum values, agencies, record types)."""

from __future__ import annotations

from web.i18n import N_

STATES = {
    "SUBMITTED": N_("Submitted"),
    "ACCEPTED": N_("Accepted"),
    "VERIFIED": N_("Verified"),
    "APPROVED": N_("Approved"),
    "REJECTED": N_("Rejected"),
    "EXECUTED": N_("Carried out"),
    "DELIVERED": N_("Delivered"),
    "CLOSED": N_("Closed"),
}
# States in which an application is finished (the others are still open for the citizen).
FINISHED_STATES = frozenset({"REJECTED", "CLOSED"})
# The applicant may rate an application once its result reached them.
RATEABLE_STATES = frozenset({"DELIVERED", "CLOSED"})

DELIVERY_METHODS = {
    "PICKUP": N_("Collect at a service window"),
    "COURIER": N_("Delivered by courier"),
    "ELECTRONIC": N_("Electronic document"),
}
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
DECISIONS = {"ALLOW": N_("Allowed"), "DENY": N_("Refused")}
ACTOR_KINDS = {
    "CITIZEN": N_("Citizen"),
    "STAFF": N_("Agency staff"),
    "SUPERVISOR": N_("Supervisor"),
    "AUDITOR": N_("Auditor"),
    "SYSTEM": N_("Agency system"),
}
APPLICANT_KINDS = {
    "SELF": N_("The person concerned"),
    "PARENT_OR_GUARDIAN": N_("A parent or guardian, for a minor"),
}
UNIT_LEVELS = {
    "CITY": N_("City bureau of Sanming"),
    "COUNTY": N_("County bureau of the applicant's county"),
    "STATION": N_("Police station of the applicant's household"),
}
AGENCIES = {
    "police": N_("Public security (police)"),
    "ethnic_affairs": N_("Ethnic and religious affairs"),
    "civil_affairs": N_("Civil affairs"),
    "family_planning": N_("Health and family planning"),
    "tax": N_("Taxation"),
    "social_security": N_("Human resources and social security"),
    "hall": N_("Online service hall"),
    "audit": N_("Audit"),
    "gateway": N_("Platform gateway"),
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
    "SupervisionFlag": N_("Flag"),
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
