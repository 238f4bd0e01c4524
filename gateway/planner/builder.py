"""Builds a query plan: splits an operation's selections by the subgraphs that resolve them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from graphql import (
    DirectiveNode,
    FieldNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    print_ast,
)

from gateway.planner.groups import Group, Path, PlanningError
from gateway.planner.selection import FieldConflict, FieldSel, SelectionSet
from gateway.planner.syntax import (
    alias_of,
    aliases_taken,
    field_names,
    list_depth,
    reserved_aliases,
    root_fields,
    sub_selection,
)
from gateway.supergraph import FieldSource, Key, Supergraph


class PlanBuilder:
    """Assigns every selection of an operation to a fetch group."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.schema = supergraph.schema
        self.groups: list[Group] = []
        self._touched: set[int] = set()
        self._in_progress: set[tuple[int, str, str]] = set()
        self._conditions: tuple[DirectiveNode, ...] = ()
        # A fragment that only adds @skip/@include -> the selection set it sits in.
        self._base_of: dict[int, SelectionSet] = {}
        # Response keys the client gave fields of other names: the planner's own key and
        # @requires fields take another alias where they are named so.
        self._taken: frozenset[str] = frozenset()

    # -- roots -------------------------------------------------------------------------

    def split_root(self, operation: OperationDefinitionNode) -> list[Group]:
        """Create the root groups (in order) and everything that depends on them."""
        root_type = self.schema.get_root_type(operation.operation)
        if root_type is None:
            raise PlanningError(f"the schema has no {operation.operation.value} type")
        self._taken = aliases_taken(operation.selection_set)
        roots: list[Group] = []
        for field_node, wrapped in root_fields(operation.selection_set, ()):
            graph = self._root_graph(root_type.name, field_node, roots, operation.operation)
            if graph is None:
                continue
            group = self._root_group(graph, roots, operation.operation)
            self.add(group, group.selections, root_type, [wrapped], ())
        return roots

    def _root_graph(
        self, root: str, node: FieldNode, roots: list[Group], kind: OperationType
    ) -> str | None:
        name = node.name.value
        if name.startswith("__"):
            return None  # introspection and __typename are answered by the gateway
        graphs = [source.graph for source in self.supergraph.resolving_graphs(root, name)]
        if not graphs:
            raise PlanningError(f"no subgraph resolves {root}.{name}")
        if kind is OperationType.MUTATION:
            last = roots[-1].graph if roots else None
            return last if last in graphs else sorted(graphs)[0]
        for group in roots:
            if group.graph in graphs:
                return group.graph
        return sorted(graphs)[0]

    def _root_group(self, graph: str, roots: list[Group], kind: OperationType) -> Group:
        candidates = roots[-1:] if kind is OperationType.MUTATION else roots
        for group in candidates:
            if group.graph == graph:
                return group
        group = self._new_group(graph, (), entity=False, root_id=-1)
        group.root_id = group.id
        roots.append(group)
        return group

    def _new_group(
        self, graph: str, path: Path, *, entity: bool, root_id: int, parent_id: int | None = None
    ) -> Group:
        group = Group(len(self.groups), graph, path, entity, root_id, parent_id)
        if entity:
            group.requires = SelectionSet()
        self.groups.append(group)
        return group

    # -- selections --------------------------------------------------------------------

    def add(
        self,
        group: Group,
        target: SelectionSet,
        parent: GraphQLNamedType,
        selections: Iterable[SelectionNode],
        path: Path,
        provided: SelectionSetNode | None = None,
    ) -> None:
        """Resolve `selections` on `parent` in `group` where it can, elsewhere where not."""
        if is_abstract_type(parent):
            target.add_field(FieldSel("__typename"))
        for node in selections:
            if isinstance(node, InlineFragmentNode):
                with self._conditioned(node.directives):
                    self._add_fragment(group, target, parent, node, path, provided)
            elif isinstance(node, FieldNode):
                self._add_field(group, target, parent, node, path, provided)
            else:
                raise PlanningError("named fragments must be inlined before planning")

    def _add_fragment(
        self,
        group: Group,
        target: SelectionSet,
        parent: GraphQLNamedType,
        node: InlineFragmentNode,
        path: Path,
        provided: SelectionSetNode | None,
    ) -> None:
        condition = node.type_condition.name.value if node.type_condition else parent.name
        directives = tuple(node.directives or ())
        children = node.selection_set.selections
        narrowed = self.schema.get_type(condition)
        assert narrowed is not None
        if not self._overlap(narrowed, parent):
            return  # e.g. `... on User` inside a Product: it can never apply
        if condition == parent.name or isinstance(parent, GraphQLObjectType):
            # On an object type, a fragment that applies adds only its conditions.
            inner = target
            if directives:
                inner = target.add_fragment(None, directives).selections
                self._base_of[id(inner)] = self._base_of.get(id(target), target)
            self.add(group, inner, parent, children, path, provided)
            return
        if self._seen_as_object(group, parent):
            # This subgraph sees the interface as an object: its owner knows the real types.
            self._jump_to_owner(group, target, parent, node, path)
            return
        known = self.supergraph.types[condition].graphs
        if group.graph in known:
            fragment = target.add_fragment(condition, directives)
            self.add(group, fragment.selections, narrowed, children, path, provided)
            return
        if is_abstract_type(narrowed):
            # This subgraph does not know the abstract type: select each of its object types.
            for name in self._possible_types(narrowed, parent, group.graph):
                object_type = self.schema.get_type(name)
                assert object_type is not None
                fragment = target.add_fragment(name, directives)
                self.add(group, fragment.selections, object_type, children, path, provided)
        # An object type this subgraph does not know can never come from it.

    def _possible(self, type_: GraphQLNamedType) -> set[str]:
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            return {t.name for t in self.schema.get_possible_types(type_)}
        return {type_.name}

    def _overlap(self, narrowed: GraphQLNamedType, parent: GraphQLNamedType) -> bool:
        """True when some object type is both `narrowed` and `parent`."""
        return bool(self._possible(narrowed) & self._possible(parent))

    def _possible_types(
        self, narrowed: GraphQLNamedType, parent: GraphQLNamedType, graph: str
    ) -> list[str]:
        in_graph = {
            name for name in self._possible(parent) if graph in self.supergraph.types[name].graphs
        }
        return sorted(self._possible(narrowed) & self._possible(parent) & in_graph)

    def _add_field(
        self,
        group: Group,
        target: SelectionSet,
        parent: GraphQLNamedType,
        node: FieldNode,
        path: Path,
        provided: SelectionSetNode | None,
    ) -> None:
        name = node.name.value
        if name == "__typename":
            self._select(
                target, FieldSel("__typename", alias_of(node), (), tuple(node.directives or ()))
            )
            if self._seen_as_object(group, parent):
                self._jump_to_owner(group, target, parent, node, path)
            return
        if isinstance(parent, GraphQLObjectType):
            if self._resolvable(group, parent.name, name, provided):
                self._add_local(group, target, parent, node, path, provided)
            else:
                self._jump(group, target, parent, node, path)
            return
        if isinstance(parent, GraphQLInterfaceType):
            if self._resolvable(group, parent.name, name, provided) and not self._split_needed(
                parent, name, group.graph
            ):
                self._add_local(group, target, parent, node, path, provided)
                return
            if not self._resolvable(group, parent.name, name, provided) and self._entity_options(
                group, parent, name
            ):
                self._jump(group, target, parent, node, path)
                return
            for type_name in self._possible_types(parent, parent, group.graph):
                object_type = self.schema.get_type(type_name)
                assert object_type is not None
                fragment = target.add_fragment(type_name)
                self.add(group, fragment.selections, object_type, [node], path, provided)
            return
        raise PlanningError(f"cannot select {name} on {parent.name}")

    def _split_needed(self, interface: GraphQLInterfaceType, name: str, graph: str) -> bool:
        """True when some implementation in `graph` resolves the field elsewhere."""
        return any(
            not self._resolvable_in(graph, type_name, name, None)
            for type_name in self._possible_types(interface, interface, graph)
        )

    def _resolvable(
        self, group: Group, type_name: str, name: str, provided: SelectionSetNode | None
    ) -> bool:
        if (type_name, name) in group.satisfied:
            return True
        return self._resolvable_in(group.graph, type_name, name, provided)

    def _resolvable_in(
        self, graph: str, type_name: str, name: str, provided: SelectionSetNode | None
    ) -> bool:
        for source in self.supergraph.field_sources(type_name, name):
            if source.graph != graph:
                continue
            if source.external or source.used_overridden:
                return provided is not None and name in field_names(provided)
            return source.requires is None
        return False

    def _add_local(
        self,
        group: Group,
        target: SelectionSet,
        parent: GraphQLObjectType | GraphQLInterfaceType,
        node: FieldNode,
        path: Path,
        provided: SelectionSetNode | None,
    ) -> None:
        definition = parent.fields[node.name.value]
        selection = FieldSel(
            node.name.value,
            alias_of(node),
            tuple(node.arguments or ()),
            tuple(node.directives or ()),
            SelectionSet() if node.selection_set else None,
        )
        selection = self._select(target, selection)
        self._touched.add(group.id)
        if node.selection_set is None or selection.selections is None:
            return
        key = selection.response_key
        child_path = (*path, key, *("@",) * list_depth(definition.type))
        child_provided = sub_selection(provided, node.name.value)
        if child_provided is None:
            child_provided = self._provides(group.graph, parent.name, node.name.value)
        child_type = get_named_type(definition.type)
        with self._conditioned(node.directives):
            self.add(
                group,
                selection.selections,
                child_type,
                node.selection_set.selections,
                child_path,
                child_provided,
            )

    def _provides(self, graph: str, type_name: str, name: str) -> SelectionSetNode | None:
        for source in self.supergraph.field_sources(type_name, name):
            if source.graph == graph:
                return source.provides
        return None

    def _select(self, target: SelectionSet, selection: FieldSel) -> FieldSel:
        try:
            return target.add_field(selection)
        except FieldConflict as conflict:
            raise PlanningError(
                f"response key {conflict} names two different fields; alias one of them"
            ) from None

    # -- entity jumps ------------------------------------------------------------------

    def _entity_options(
        self, group: Group, parent: GraphQLObjectType | GraphQLInterfaceType, name: str
    ) -> list[tuple[str, FieldSource, Key, bool]]:
        """Ways to reach `parent.name`: (entity type, source, key, key already at hand)."""
        entity_types = [parent.name]
        if isinstance(parent, GraphQLObjectType):
            # An @interfaceObject subgraph resolves it through an interface of the type.
            entity_types += [
                i.name
                for i in parent.interfaces
                if self.supergraph.types[i.name].interface_object_in
            ]
        return [
            (entity, source, key, self._key_available(group.graph, parent, key))
            for entity in entity_types
            for source in self.supergraph.resolving_graphs(entity, name)
            # A field with @requires is reached through _entities even from its own subgraph.
            if source.graph != group.graph or source.requires is not None
            for key in self.supergraph.resolvable_keys(entity, source.graph)
        ]

    def _jump(
        self,
        group: Group,
        target: SelectionSet,
        parent: GraphQLObjectType | GraphQLInterfaceType,
        node: FieldNode,
        path: Path,
    ) -> None:
        name = node.name.value
        guard = (group.id, parent.name, name)
        options = [
            o
            for o in self._entity_options(group, parent, name)
            if o[3] or guard not in self._in_progress
        ]
        if not options:
            raise PlanningError(
                f"{parent.name}.{name} cannot be reached from subgraph "
                f"{self.supergraph.graph_name(group.graph)}"
            )
        existing = {
            g.graph: g
            for g in self.groups
            if g.entity and g.merge_path == path and group.id in g.depends_on
        }
        options.sort(
            key=lambda o: (
                not o[3],
                o[1].graph not in existing,
                o[1].requires is not None,
                o[0] != parent.name,
                o[1].graph,
            )
        )
        entity, source, key, key_at_hand = options[0]
        key_fields = reserved_aliases(key.fields, self._taken)
        required = reserved_aliases(source.requires, self._taken) if source.requires else None
        # Keys and requirements are fetched whatever @skip/@include guard the field.
        target = self._base_of.get(id(target), target)
        saved_conditions, self._conditions = self._conditions, ()
        self._select(target, FieldSel("__typename"))
        needs: set[int] = set()
        self._in_progress.add(guard)
        try:
            if not key_at_hand:
                # Another subgraph knows this key's fields: fetch them first (a key chain).
                needs |= self._collecting(
                    lambda: self.add(group, target, parent, key_fields.selections, path)
                )
            else:
                self._add_field_set(target, key_fields)
            if required is not None:
                needs |= self._collecting(
                    lambda: self.add(group, target, parent, required.selections, path)
                )
        finally:
            self._in_progress.discard(guard)
            self._conditions = saved_conditions
        dependent = existing.get(source.graph)
        if dependent is None or (source.requires is not None and dependent.id in needs):
            dependent = self._new_group(
                source.graph, path, entity=True, root_id=group.root_id, parent_id=group.id
            )
        dependent.depends_on |= {group.id} | (needs - {dependent.id})
        if source.graph in self.supergraph.types[entity].interface_object_in:
            interface = self.schema.get_type(entity)
            assert isinstance(interface, GraphQLInterfaceType)
            for concrete in self.schema.get_possible_types(interface):
                dependent.typename_rewrites[concrete.name] = entity
        assert dependent.requires is not None
        representation = dependent.requires.add_fragment(entity).selections
        self._select(representation, FieldSel("__typename"))
        self._add_field_set(representation, key_fields)
        if required is not None:
            self._add_field_set(representation, required)
            dependent.satisfied.add((entity, name))
        entity_type = self.schema.get_type(entity)
        assert entity_type is not None
        fragment = dependent.selections.add_fragment(entity)
        self.add(dependent, self._under_conditions(fragment.selections), entity_type, [node], path)

    @contextmanager
    def _conditioned(self, directives: Iterable[DirectiveNode] | None) -> Iterator[None]:
        """Within this block, selections moved to other fetches keep these @skip/@include."""
        added = tuple(d for d in directives or () if d.name.value in ("skip", "include"))
        saved = self._conditions
        self._conditions = saved + added
        try:
            yield
        finally:
            self._conditions = saved

    def _under_conditions(self, selections: SelectionSet) -> SelectionSet:
        """Where a moved selection goes: inside fragments carrying the active conditions."""
        seen: set[str] = set()
        for directive in self._conditions:
            printed = print_ast(directive)
            if printed not in seen:  # @include is not repeatable: one fragment each
                seen.add(printed)
                selections = selections.add_fragment(None, (directive,)).selections
        return selections

    def _seen_as_object(self, group: Group, parent: GraphQLNamedType) -> bool:
        """True when `group`'s subgraph knows the interface `parent` as an @interfaceObject."""
        return isinstance(parent, GraphQLInterfaceType) and (
            group.graph in self.supergraph.types[parent.name].interface_object_in
        )

    def _jump_to_owner(
        self,
        group: Group,
        target: SelectionSet,
        interface: GraphQLNamedType,
        node: SelectionNode,
        path: Path,
    ) -> None:
        """Resolve `node` in a subgraph that owns the interface (and its concrete types)."""
        info = self.supergraph.types[interface.name]
        owners = [
            key
            for graph in sorted(info.graphs - info.interface_object_in)
            for key in self.supergraph.resolvable_keys(interface.name, graph)
            if self._key_available(group.graph, interface, key)
        ]
        if not owners:
            raise PlanningError(f"no subgraph owns the interface {interface.name} by a key")
        key = owners[0]
        key_fields = reserved_aliases(key.fields, self._taken)
        base = self._base_of.get(id(target), target)
        self._select(base, FieldSel("__typename"))
        self._add_field_set(base, key_fields)
        dependent = self._dependent(group, key.graph, path)
        assert dependent.requires is not None
        representation = dependent.requires.add_fragment(interface.name).selections
        self._select(representation, FieldSel("__typename"))
        self._add_field_set(representation, key_fields)
        fragment = dependent.selections.add_fragment(interface.name)
        self.add(dependent, self._under_conditions(fragment.selections), interface, [node], path)

    def _dependent(self, group: Group, graph: str, path: Path) -> Group:
        """The entity group fetching from `graph` at `path` after `group`, made if missing."""
        for candidate in self.groups:
            if (
                candidate.entity
                and candidate.graph == graph
                and candidate.merge_path == path
                and group.id in candidate.depends_on
            ):
                return candidate
        dependent = self._new_group(
            graph, path, entity=True, root_id=group.root_id, parent_id=group.id
        )
        dependent.depends_on.add(group.id)
        return dependent

    def _collecting(self, work: Callable[[], None]) -> set[int]:
        """Run `work` and return the ids of the groups it added selections to."""
        saved, self._touched = self._touched, set()
        try:
            work()
            return set(self._touched)
        finally:
            self._touched = saved | self._touched

    def _key_available(self, graph: str, parent: GraphQLNamedType, key: Key) -> bool:
        return self._fields_available(graph, parent, key.fields)

    def _fields_available(
        self, graph: str, parent: GraphQLNamedType, fields: SelectionSetNode
    ) -> bool:
        for node in fields.selections:
            if not isinstance(node, FieldNode) or not isinstance(
                parent, GraphQLObjectType | GraphQLInterfaceType
            ):
                return False
            name = node.name.value
            if not any(s.graph == graph for s in self.supergraph.field_sources(parent.name, name)):
                return False
            if node.selection_set is not None and not self._fields_available(
                graph, get_named_type(parent.fields[name].type), node.selection_set
            ):
                return False
        return True

    def _add_field_set(self, target: SelectionSet, fields: SelectionSetNode) -> None:
        for node in fields.selections:
            if isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                self._add_field_set(target.add_fragment(condition).selections, node.selection_set)
                continue
            assert isinstance(node, FieldNode)
            selection = self._select(
                target,
                FieldSel(
                    node.name.value,
                    alias_of(node),
                    (),
                    (),
                    SelectionSet() if node.selection_set else None,
                ),
            )
            if node.selection_set is not None and selection.selections is not None:
                self._add_field_set(selection.selections, node.selection_set)
