"""The audit subgraph's definition: the log as auditors and citizens read it.

What is logged when the log is read: the kit records the read like any other access, once
per request (as X-Road logs queries of its own log): one entry per type and decision, with
the reader, their purpose (AUDIT for auditors) and, as data subjects, the person an entry was
found through (the citizen of a data tracker, the subject an auditor searched for). The
record is written after the answer is computed, in its own transaction, once the request's
read session is closed; writing never reads the log back through GraphQL, so a read of the
log adds one entry and no more (no loop), and the write waits for no lock the read holds (no
deadlock). The entry shows up in the next read, not in the one that caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from audit import models, schema
from audit.settings import AuditSettings
from subgraph.definition import SubgraphDefinition

NAME = "audit"
POLICIES = Path(__file__).with_name("policies.csv")


def settings_key_files() -> list[Path]:
    """The checkpoint key `tongban audit` uses (TONGBAN_AUDIT_KEY_FILE or DATA_DIR/keys/)."""
    return [AuditSettings.from_env().key_file]


def audit_definition(*, key_files: Sequence[Path] | None = None) -> SubgraphDefinition:
    """The audit subgraph, verifying checkpoints with `key_files` (default: the settings').

    Key files (private or public PEM) are read when a verification runs; missing ones are
    skipped, so a checkpoint signed by no given key is reported as such.
    """
    files = list(key_files) if key_files is not None else None
    return SubgraphDefinition(
        name=NAME,
        title="审计 Audit",
        metadata=models.Base.metadata,
        query=schema.query_type(settings_key_files if files is None else lambda: files),
        types=schema.TYPES,
        policies=POLICIES,
    )


definition = audit_definition()
