"""Tax on a database of its own, and its announcement, for the execution tests."""

from tests.agencies.execution import agency_fixture
from tests.agencies.name_notices import announce_fixture

notices = agency_fixture("tax", fixture="notices")
announce = announce_fixture("tax", "taxRecordNameChange")
