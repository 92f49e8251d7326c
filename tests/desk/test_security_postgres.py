"""The backend-neutral tests of ``test_security`` again on PostgreSQL (lengths, locks and dates behave
differently there: a too-long value is a DataError, counters are row-locked, timestamps have another range)."""

from __future__ import annotations

import pytest

from tests.desk.test_security import (
    test_an_attackers_failures_do_not_lock_out_the_real_user,
    test_an_auditor_cannot_confirm_a_persons_facts_by_hashing_guesses,
    test_concurrent_writes_from_threads_stay_correct,
    test_one_stored_odd_date_does_not_break_the_lists,
    test_out_of_range_dates_are_a_422,
    test_over_long_intake_fields_are_a_422_page_and_never_logged,
    test_the_page_form_applies_the_apis_limits,
    test_unknown_usernames_leave_nothing_in_the_log_and_old_rows_are_purged,
)

pytestmark = pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)],
                                     indirect=True)

__all__ = [
    "test_an_attackers_failures_do_not_lock_out_the_real_user",
    "test_an_auditor_cannot_confirm_a_persons_facts_by_hashing_guesses",
    "test_concurrent_writes_from_threads_stay_correct",
    "test_one_stored_odd_date_does_not_break_the_lists",
    "test_out_of_range_dates_are_a_422",
    "test_over_long_intake_fields_are_a_422_page_and_never_logged",
    "test_the_page_form_applies_the_apis_limits",
    "test_unknown_usernames_leave_nothing_in_the_log_and_old_rows_are_purged",
]
