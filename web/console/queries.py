"""The console's operations on the gateway (auditors send them with the purpose AUDIT)."""

from __future__ import annotations

AUDIT_PURPOSE = "AUDIT"
PAGE_SIZE = 25
SCAN_PAGE_SIZE = 100

ACCESS_LOG = """
query ConsoleAccessLog(
  $actor: String, $subject: String, $agency: String, $purpose: String,
  $decision: AccessDecision, $since: DateTime, $until: DateTime, $first: Int!, $after: String
) {
  accessLog(
    actor: $actor, subject: $subject, agency: $agency, purpose: $purpose,
    decision: $decision, since: $since, until: $until, first: $first, after: $after
  ) {
    items {
      seq recordedAt actor actorKind agency unit subgraph typeName fields dataSubjects
      purpose { code zh en } case decision requestId
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

VERIFY = """
query ConsoleVerify { verifyAuditLog { ok entriesChecked firstBadSeq reason } }
"""

ALERTS = """
query ConsoleAlerts($since: DateTime!, $until: DateTime!) {
  auditAlerts(since: $since, until: $until) {
    kind actor agency count firstSeq lastSeq detail
  }
}
"""

STATISTICS = """
query ConsoleStatistics($since: DateTime!, $until: DateTime!) {
  accessStatistics(since: $since, until: $until) {
    byAgency { key count }
    byPurpose { key count zh en }
    byDecision { key count }
    total
  }
}
"""

HALL_STATISTICS = """
query ConsoleHallStatistics($from: Date, $to: Date) {
  hallStatistics(regionCode: "350400", submittedFrom: $from, submittedTo: $to) {
    applicants
    byState { key count }
    decisionTimes { decided medianHours p90Hours }
    satisfaction { ratings averageStars }
  }
}
"""
