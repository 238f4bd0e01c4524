"""Orders a root's fetch groups: each runs once the groups it needs are done."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.planner.groups import Group


def schedule(groups: Sequence[Group], root: Group) -> dict[int, tuple[list[Group], list[Group]]]:
    """For each group: the dependents that wait for it alone (run in parallel once it is
    done), and those that wait for several groups of its subtree (run after those)."""
    by_id = {group.id: group for group in groups}

    def ancestors(group: Group) -> list[int]:
        chain = [group.id]
        while by_id[chain[-1]].parent_id is not None:
            chain.append(by_id[chain[-1]].parent_id)  # type: ignore[arg-type]
        return chain

    plan: dict[int, tuple[list[Group], list[Group]]] = {
        g.id: ([], []) for g in groups if g.root_id == root.id
    }
    for group in groups:
        if group.root_id != root.id or group is root:
            continue
        # A dependency that is an ancestor of another one has finished before it anyway.
        deps = {
            dep
            for dep in group.depends_on
            if not any(dep in ancestors(by_id[other])[1:] for other in group.depends_on)
        }
        if len(deps) == 1:
            plan[deps.pop()][0].append(group)
            continue
        # The nearest group whose subtree holds every dependency: run after its subtree.
        chains = [ancestors(by_id[dep]) for dep in deps]
        common = next(a for a in chains[0] if all(a in chain for chain in chains[1:]))
        plan[common][1].append(group)
    return plan
