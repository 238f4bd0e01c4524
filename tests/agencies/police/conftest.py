"""The police served on a database of its own, for the execution tests."""

from tests.agencies.execution import agency_fixture

police = agency_fixture("police")
