"""The citizen portal's persisted operations: all a citizen may run through the gateway.

Citizens (the internet-facing side) send only these documents, by exact text or by id
(`documentId`, or the APQ `extensions.persistedQuery.sha256Hash`); the platform builds its
safelist from them (tongban/citizen_operations.py); `tongban safelist` prints them as an
Apollo persisted-query manifest for a CDN to pin.
Staff, supervisors, auditors and agency systems may send any operation within the limits.
Each document is matched by its exact text: change one and its id changes with it.
"""

from __future__ import annotations

# A person's own record across agencies (or a ward's): register, household, family, ID cards,
# marriages, birth certificate, tax clearance and social insurance.
CITIZEN_PERSON = """\
query CitizenPerson($idNumber: String!) {
  person(idNumber: $idNumber) {
    idNumber
    name
    sex
    birthDate
    regionCode
    relationToHead
    ethnicGroup { code nameZh nameEn }
    household { number address members { idNumber name relationToHead } }
    father { idNumber name }
    mother { idNumber name }
    idCards { serial issuedOn validUntil status }
    maritalStatus
    marriages {
      number
      registeredOn
      divorcedOn
      status
      husband { idNumber name }
      wife { idNumber name }
    }
    birthCertificate { number birthDate hospital issuedOn }
    taxpayer { taxpayerNumber taxOffice clearance { cleared outstandingFen asOf } }
    insurance { number scheme startsOn contributionMonths status }
  }
}
"""

# Who read the citizen's data (and their wards'), newest first: the data tracker of audit/.
CITIZEN_DATA_TRACKER = """\
query CitizenDataTracker($first: Int = 20, $after: String) {
  myDataTracker(first: $first, after: $after) {
    items {
      seq
      recordedAt
      actorKind
      agency
      unit
      typeName
      fields
      purpose { code zh en }
      decision
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

# The minors a citizen may act for: their children and their wards (the portal keeps those
# under 18, as the gateway does).
CITIZEN_WARDS = """\
query CitizenWards($idNumber: String!) {
  person(idNumber: $idNumber) {
    idNumber
    children { idNumber name birthDate }
    wards { ward { idNumber name birthDate } }
  }
}
"""

# The service hall's guides: what each service needs, and which of it the platform fetches.
CITIZEN_SERVICES = """\
query CitizenServices {
  services {
    code
    nameZh
    nameEn
    summaryZh
    summaryEn
    applicants
    materials { code nameZh nameEn obtained source { agency { code nameZh nameEn } recordType } }
    timeLimit { legalWorkingDays promisedWorkingDays }
    fee { amountFen }
    deliveryOptions { method nameZh nameEn }
    formFields { key nameZh nameEn valueType required maxLength choices { code nameZh nameEn } }
    forms { code titleZh titleEn url }
  }
}
"""

# Submitting an application (for oneself or a ward); a retry with the same key is harmless.
CITIZEN_SUBMIT_APPLICATION = """\
mutation CitizenSubmitApplication($application: ApplicationInput!) {
  submitApplication(application: $application) {
    replayed
    application { number state promisedOn legalOn }
  }
}
"""

# The citizen's applications (and their wards'), with each step and the verification.
CITIZEN_APPLICATIONS = """\
query CitizenApplications($first: Int = 20, $after: String) {
  applications(first: $first, after: $after) {
    items {
      number
      serviceCode
      state
      stateZh
      submittedAt
      promisedOn
      legalOn
      overdue
      decisionReason
      steps { toState at reason }
      verification {
        eligible
        checks { code passed required summaryZh summaryEn sourceAgency recordType }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

# The fee of an application (a fee service's order, opened at submission) and its receipt.
CITIZEN_FEE_ORDER = """\
query CitizenFeeOrder($applicationNumber: String!) {
  feeOrder(applicationNumber: $applicationNumber) {
    number
    applicationNumber
    amountFen
    state
    createdAt
    paidAt
    splits { accountCode accountName amountFen }
    receipt {
      number
      amountFen
      payerIdNumber
      transactionId
      issuedAt
      receivingAccounts { accountCode accountName amountFen }
    }
  }
}
"""

# Paying an application's fee; paying again charges nothing and returns the same receipt.
CITIZEN_PAY_FEE = """\
mutation CitizenPayFee($number: String!) {
  payFee(number: $number) {
    replayed
    order {
      number
      state
      amountFen
      paidAt
      receipt {
        number
        amountFen
        payerIdNumber
        transactionId
        issuedAt
        receivingAccounts { accountCode accountName amountFen }
      }
    }
  }
}
"""

# How the result reaches the citizen, and the tracking of its parcels (result, originals).
CITIZEN_DELIVERY = """\
query CitizenDelivery($applicationNumber: String!) {
  delivery(applicationNumber: $applicationNumber) {
    method
    state
    documentReference
    trackingNumber
    preparedAt
    deliveredAt
  }
  shipments(applicationNumber: $applicationNumber) {
    trackingNumber
    direction
    state
    address
    bookedAt
    deliveredAt
    events { code descriptionZh at }
  }
}
"""

# Rating a closed application, once.
CITIZEN_RATE_APPLICATION = """\
mutation CitizenRateApplication($number: String!, $stars: Int!, $comment: String) {
  rateApplication(number: $number, stars: $stars, comment: $comment) {
    rating { applicationNumber stars comment ratedAt }
  }
}
"""

# Asking about a service (for oneself or a ward), or about one's application.
CITIZEN_ASK_QUESTION = """\
mutation CitizenAskQuestion($serviceCode: String!, $subjectIdNumber: String!, $text: String!) {
  askQuestion(serviceCode: $serviceCode, subjectIdNumber: $subjectIdNumber, text: $text) {
    question { number serviceCode applicationNumber agency unitCode text state }
  }
}
"""
CITIZEN_ASK_ABOUT_APPLICATION = """\
mutation CitizenAskAboutApplication($number: String!, $text: String!) {
  askAboutApplication(number: $number, text: $text) {
    question { number serviceCode applicationNumber agency unitCode text state }
  }
}
"""

# The citizen's questions and their answers.
CITIZEN_QUESTIONS = """\
query CitizenQuestions($first: Int = 20, $after: String) {
  serviceQuestions(first: $first, after: $after) {
    items {
      number
      serviceCode
      applicationNumber
      unitCode
      text
      askedAt
      state
      answer
      answeredAt
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

# One-click supervision: flagging a problem with an application, and following the flags.
CITIZEN_FLAG_APPLICATION = """\
mutation CitizenFlagApplication($number: String!, $kind: FlagKind!, $note: String) {
  flagApplication(number: $number, kind: $kind, note: $note) {
    replayed
    flag { number applicationNumber kind note unitCode flaggedUnit state }
  }
}
"""
CITIZEN_FLAGS = """\
query CitizenFlags($first: Int = 20, $after: String) {
  supervisionFlags(first: $first, after: $after) {
    items {
      number
      applicationNumber
      kind
      note
      unitCode
      state
      raisedAt
      response
      respondedAt
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

# One service's whole guide: who may apply, materials, limits and steps, fee, accepting unit,
# delivery, the form's fields and the printable forms.
CITIZEN_SERVICE_GUIDE = """\
query CitizenServiceGuide($code: String!) {
  service(code: $code) {
    code
    nameZh
    nameEn
    summaryZh
    summaryEn
    agency { code nameZh nameEn }
    applicants
    applicantRuleZh
    applicantRuleEn
    materials {
      code
      nameZh
      nameEn
      obtained
      source { agency { code nameZh nameEn } recordType }
      conditionZh
      conditionEn
      originalRequired
    }
    timeLimit { legalWorkingDays extensionWorkingDays promisedWorkingDays }
    legalSteps { nameZh nameEn agency { code nameZh nameEn } level workingDays }
    fee { amountFen basisZh basisEn account { nameZh nameEn } }
    acceptingUnit { agency { code nameZh nameEn } level }
    deliveryOptions { method nameZh nameEn }
    originalsRequired
    formFields {
      key
      nameZh
      nameEn
      valueType
      required
      maxLength
      multiline
      choices { code nameZh nameEn }
      helpZh
      helpEn
    }
    forms { code titleZh titleEn url }
  }
}
"""

# The 56 ethnic groups of GB 3304, for a form's ethnic-group field.
CITIZEN_ETHNIC_GROUPS = """\
query CitizenEthnicGroups {
  ethnicGroups { code nameZh nameEn }
}
"""

# One application of the citizen's (or a ward's): its steps, verification, notices and rating.
CITIZEN_APPLICATION = """\
query CitizenApplication($number: String!) {
  application(number: $number) {
    number
    serviceCode
    state
    stateZh
    submittedAt
    promisedOn
    legalOn
    overdue
    delivery
    decisionReason
    service { code nameZh nameEn }
    subject { idNumber name }
    steps { toState at reason }
    verification {
      eligible
      verifiedAt
      checks { code passed required summaryZh summaryEn sourceAgency recordType recordReference }
    }
    notices { event textZh createdAt sentAt }
  }
  rating(applicationNumber: $number) { stars comment ratedAt }
}
"""

# The citizen's applications (and their wards') for the start page and the list, newest
# first: service names, deadlines and the notices sent about each.
CITIZEN_APPLICATION_OVERVIEW = """\
query CitizenApplicationOverview($first: Int = 20, $after: String) {
  applications(first: $first, after: $after, orderBy: NEWEST) {
    items {
      number
      serviceCode
      state
      stateZh
      submittedAt
      promisedOn
      overdue
      service { nameZh nameEn }
      notices { event textZh createdAt sentAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

CITIZEN_OPERATIONS = (
    CITIZEN_PERSON,
    CITIZEN_DATA_TRACKER,
    CITIZEN_WARDS,
    CITIZEN_SERVICES,
    CITIZEN_SUBMIT_APPLICATION,
    CITIZEN_APPLICATIONS,
    CITIZEN_FEE_ORDER,
    CITIZEN_PAY_FEE,
    CITIZEN_DELIVERY,
    CITIZEN_RATE_APPLICATION,
    CITIZEN_ASK_QUESTION,
    CITIZEN_ASK_ABOUT_APPLICATION,
    CITIZEN_QUESTIONS,
    CITIZEN_FLAG_APPLICATION,
    CITIZEN_FLAGS,
    CITIZEN_SERVICE_GUIDE,
    CITIZEN_ETHNIC_GROUPS,
    CITIZEN_APPLICATION,
    CITIZEN_APPLICATION_OVERVIEW,
)
