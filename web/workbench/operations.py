"""The workbench's GraphQL operations (staff send them with a purpose, and a case to decide)."""

from __future__ import annotations

# The purpose staff declare for the hall's work (deciding, answering, urging: with the case).
PURPOSE = "SERVICE_APPLICATION"

# The services of the catalogue, for the queue's filter.
SERVICES = """\
query WorkbenchServices {
  services { code nameZh nameEn }
}
"""

# The unit's open applications (a supervisor's: the region's), the earliest deadline first.
QUEUE = """\
query WorkbenchQueue($state: ApplicationState, $serviceCode: String, $after: String) {
  applications(
    openOnly: true, orderBy: DEADLINE, state: $state, serviceCode: $serviceCode,
    first: 20, after: $after
  ) {
    items {
      number serviceCode state submittedAt promisedOn legalOn overdue
      service { nameZh nameEn }
      urgings { automatic }
    }
    pageInfo { hasNextPage endCursor }
  }
  services { code nameZh nameEn }
}
"""

# One application with everything the accepting unit decides on.
APPLICATION = """\
query WorkbenchApplication($number: String!) {
  application(number: $number) {
    number serviceCode state version submittedAt promisedOn legalOn overdue
    agency unitCode delivery decisionReason details
    service {
      nameZh nameEn
      formFields { key nameZh nameEn valueType choices { code nameZh nameEn } }
    }
    applicant { idNumber name }
    subject { idNumber name birthDate }
    verification {
      eligible verifiedAt errors
      checks {
        code passed required summaryZh summaryEn sourceAgency recordType recordReference
      }
    }
    steps { fromState toState actorKind actorAgency actorUnit at reason }
    urgings { at byUnit toUnit message automatic }
  }
  ethnicGroups { code nameZh nameEn }
}
"""

DECIDE = """\
mutation WorkbenchDecide(
  $number: String!, $expectedVersion: Int!, $approve: Boolean!, $reason: String
) {
  decideApplication(
    number: $number, expectedVersion: $expectedVersion, approve: $approve, reason: $reason
  ) {
    application { number state version }
  }
}
"""

# A person's records across agencies, as far as the declared purpose and case allow.
PERSON = """\
query WorkbenchPerson($idNumber: String!) {
  person(idNumber: $idNumber) {
    idNumber name sex birthDate regionCode relationToHead
    ethnicGroup { code nameZh nameEn }
    household { number address }
    father { idNumber name }
    mother { idNumber name }
    idCards { serial issuedOn validUntil status }
    maritalStatus
    marriages {
      number registeredOn divorcedOn status
      husband { idNumber name }
      wife { idNumber name }
    }
    birthCertificate { number hospital issuedOn }
    taxpayer { taxpayerNumber taxOffice clearance { cleared outstandingFen asOf } }
    insurance { number scheme startsOn contributionMonths status }
  }
}
"""

# Supervision: every unit's open and overdue work, and the overdue applications.
SUPERVISION = """\
query WorkbenchSupervision($after: String) {
  workload { agency unitCode open overdue }
  applications(overdueOnly: true, orderBy: DEADLINE, first: 20, after: $after) {
    items {
      number serviceCode state agency unitCode promisedOn legalOn
      service { nameZh nameEn }
      urgings { at byUnit message automatic }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

URGE = """\
mutation WorkbenchUrge($number: String!, $message: String!) {
  urgeApplication(number: $number, message: $message) { urgedAt toUnit }
}
"""

# The citizens' open questions to the unit.
QUESTIONS = """\
query WorkbenchQuestions($after: String) {
  serviceQuestions(state: OPEN, first: 20, after: $after) {
    items { number serviceCode applicationNumber text askedAt }
    pageInfo { hasNextPage endCursor }
  }
  services { code nameZh nameEn }
}
"""

ANSWER = """\
mutation WorkbenchAnswer($number: String!, $answer: String!) {
  answerQuestion(number: $number, answer: $answer) { question { number state } }
}
"""
