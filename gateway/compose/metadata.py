"""Per-subgraph federation facts: which fields are external, provided, shareable, used."""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.compose.fieldset import COMPOSITE_KINDS, target_fields
from gateway.compose.schema import Field, Subgraph


@dataclass
class Metadata:
    """Field coordinates sorted by their federation role in one subgraph."""

    external: set[str] = field(default_factory=set)
    fake_external: set[str] = field(default_factory=set)
    provided: set[str] = field(default_factory=set)
    shareable: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)

    def is_external(self, target: Field) -> bool:
        """`@external` (on the field or its type), unless a key of an extension type."""
        return target.coordinate in self.external

    def is_fully_external(self, target: Field) -> bool:
        """External and provided nowhere in the subgraph."""
        return self.is_external(target) and target.coordinate not in self.provided

    def is_shareable(self, target: Field) -> bool:
        """`@shareable`, a key field, or an external field some `@provides` selects."""
        return target.coordinate in self.shareable

    def is_used(self, target: Field) -> bool:
        """Selected by a key/requires/provides or implementing an interface field."""
        return target.coordinate in self.used


def compute_metadata(subgraph: Subgraph) -> Metadata:
    """Compute the metadata of a subgraph."""
    meta = Metadata()
    types = list(subgraph.types.values())
    for named in types:
        if named.kind not in ("OBJECT", "INTERFACE"):
            continue
        extension_type = named.has("extends")
        for key in named.applied("key"):
            fields = key.string("fields")
            for target in target_fields(subgraph, named.name, fields, with_implementations=False):
                if (key.of_extension or extension_type) and target.has("external"):
                    meta.fake_external.add(target.coordinate)
            keyed = target_fields(subgraph, named.name, fields)
            meta.shareable.update(t.coordinate for t in keyed)
            meta.used.update(t.coordinate for t in keyed)
    for named in types:
        on_type = named.kind == "OBJECT" and named.has("external")
        for target in named.fields.values():
            external = target.has("external") or on_type
            if external and target.coordinate not in meta.fake_external:
                meta.external.add(target.coordinate)
    for named in types:
        for target in named.fields.values():
            collect_field_roles(subgraph, meta, target)
        if named.kind == "INTERFACE":
            for implementation in subgraph.implementations(named.name):
                for name in named.fields:
                    if name in implementation.fields:
                        meta.used.add(implementation.fields[name].coordinate)
    return meta


def collect_field_roles(subgraph: Subgraph, meta: Metadata, target: Field) -> None:
    """Record what `target`'s own directives make shareable, provided or used."""
    parent = subgraph.types[target.parent]
    if parent.kind == "OBJECT":
        if target.has("shareable") or any(
            d.source == target.source for d in parent.applied("shareable")
        ):
            meta.shareable.add(target.coordinate)
    for requires in target.applied("requires"):
        required = target_fields(subgraph, target.parent, requires.string("fields"))
        meta.used.update(t.coordinate for t in required)
    base = subgraph.type(target.type.base_name)
    if base is None or base.kind not in COMPOSITE_KINDS:
        return
    for provides in target.applied("provides"):
        for provided in target_fields(subgraph, base.name, provides.string("fields")):
            meta.provided.add(provided.coordinate)
            meta.used.add(provided.coordinate)
            if parent.kind == "OBJECT" and provided.coordinate in meta.external:
                meta.shareable.add(provided.coordinate)
