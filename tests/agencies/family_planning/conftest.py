"""Family planning served on a database of its own, for the execution tests."""

from tests.agencies.execution import agency_fixture

family_planning = agency_fixture("family_planning")
