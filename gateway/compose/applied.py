"""Carries `@inaccessible`, `@tag` and the built-in directives over to the supergraph."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import Applied, Element
from gateway.compose.supergraph import ArgValue, Directive, SElement
from gateway.compose.values import print_value

BUILT_IN = ("deprecated", "specifiedBy")
DEFAULT_ARGUMENTS = {"deprecated": {"reason": '"No longer supported"'}}


def merged_name(applied: Applied) -> str | None:
    """The supergraph name of a directive application that composition keeps, else None."""
    if applied.spec in ("inaccessible", "tag"):
        return applied.spec
    if applied.spec is None and applied.name in BUILT_IN:
        return applied.name
    return None


def record_applied(ctx: MergeContext, sources: Sources[Element], dest: SElement) -> None:
    """Apply `@inaccessible` now and the other kept directives once everything is merged."""
    names: list[str] = []
    for _, source in present(sources):
        for applied in source.directives:
            name = merged_name(applied)
            if name is not None and name not in names:
                names.append(name)
    if "inaccessible" in names:
        ctx.supergraph.uses_inaccessible = True
        dest.directives.append(Directive("inaccessible"))
        names.remove("inaccessible")
    if names:
        ctx.deferred.append(lambda: apply_deferred(ctx, names, sources, dest))


def apply_deferred(
    ctx: MergeContext, names: list[str], sources: Sources[Element], dest: SElement
) -> None:
    """Merge each recorded directive onto `dest`."""
    for name in names:
        per_source = [
            [a for a in source.directives if merged_name(a) == name]
            for _, source in present(sources)
        ]
        if name == "tag":
            ctx.supergraph.uses_tag = True
            apply_repeatable(name, per_source, dest)
        else:
            apply_single(ctx, name, sources, per_source, dest)


def arguments(applied: Applied) -> list[tuple[str, ArgValue]]:
    """The application's arguments as written."""
    return list(applied.args.items())


def signature(applied: Applied, name: str) -> tuple[tuple[str, str], ...]:
    """Arguments with defaults filled in, to compare applications."""
    values = dict(DEFAULT_ARGUMENTS.get(name, {}))
    values.update((key, print_value(value)) for key, value in applied.args.items())
    return tuple(sorted(values.items()))


def apply_repeatable(name: str, per_source: list[list[Applied]], dest: SElement) -> None:
    """Every distinct application, in first-seen order."""
    seen: list[tuple[tuple[str, str], ...]] = []
    for applications in per_source:
        for applied in applications:
            key = signature(applied, name)
            if key not in seen:
                seen.append(key)
                dest.directives.append(Directive(name, arguments(applied)))


def apply_single(
    ctx: MergeContext,
    name: str,
    sources: Sources[Element],
    per_source: Sequence[list[Applied]],
    dest: SElement,
) -> None:
    """The most common application of a non-repeatable directive, with a hint if several."""
    distinct: list[Applied] = []
    counts: list[int] = []
    for applications in per_source:
        if not applications:
            continue
        keys = [signature(d, name) for d in distinct]
        key = signature(applications[0], name)
        if key in keys:
            counts[keys.index(key)] += 1
        else:
            distinct.append(applications[0])
            counts.append(1)
    if not distinct:
        return
    chosen = distinct[counts.index(max(counts))]
    dest.directives.append(Directive(name, arguments(chosen)))
    if len(distinct) > 1:
        users = [
            ctx.names[i]
            for i, source in present(sources)
            if any(merged_name(a) == name for a in source.directives)
        ]
        ctx.report.hint(
            "INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
            f"Non-repeatable directive @{name} is applied in {print_subgraph_names(users)} "
            "with incompatible arguments; the supergraph uses the most common application.",
        )
