"""Social security records the police's name-change announcements once per application.

Its mutation `socialSecurityRecordNameChange` is the kit's (subgraph/execution/name_change.py),
so the tests are shared with every agency announced to (tests/agencies/name_notices.py);
conftest.py serves social security to them.
"""

from tests.agencies.name_notices import (
    test_a_malformed_id_number_is_refused_before_anything_runs,
    test_a_malformed_notice_is_a_typed_error,
    test_a_notice_about_a_person_without_records_here_is_still_recorded,
    test_a_notice_is_recorded_once_per_application,
    test_a_repeated_notice_is_a_replay,
    test_an_impossible_date_is_refused_by_graphql,
    test_only_the_halls_system_may_record_a_notice,
    test_the_hall_records_only_the_application_it_declared,
    test_the_same_application_with_another_name_is_a_conflict,
    test_two_concurrent_notices_are_recorded_once,
)

# Collected by pytest from this module, run on this agency.
__all__ = [
    "test_a_malformed_id_number_is_refused_before_anything_runs",
    "test_a_malformed_notice_is_a_typed_error",
    "test_a_notice_about_a_person_without_records_here_is_still_recorded",
    "test_a_notice_is_recorded_once_per_application",
    "test_a_repeated_notice_is_a_replay",
    "test_an_impossible_date_is_refused_by_graphql",
    "test_only_the_halls_system_may_record_a_notice",
    "test_the_hall_records_only_the_application_it_declared",
    "test_the_same_application_with_another_name_is_a_conflict",
    "test_two_concurrent_notices_are_recorded_once",
]
