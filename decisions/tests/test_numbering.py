"""Numbers are allocated atomically: no duplicate and no gap under concurrent submission."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from decisions import services
from decisions.models import Decision
from decisions.testing import draft
from panel.tenancy import panel_scope

SUBMISSIONS = 50


@pytest.mark.django_db(transaction=True)
def test_it_gives_fifty_concurrent_submissions_the_next_fifty_numbers(cast):
    alpha, beta = cast["alpha"], cast["beta"]
    first = services.decision_submit(decision=draft(alpha, "Before"), actor=None)
    drafts = [draft(alpha, f"Decision {n}") for n in range(SUBMISSIONS)]
    beta_drafts = [draft(beta, f"Beta {n}") for n in range(5)]
    barrier = threading.Barrier(SUBMISSIONS + len(beta_drafts))
    errors: list[BaseException] = []

    def submit(decision):
        try:
            barrier.wait(timeout=30)
            services.decision_submit(decision=decision, actor=None)
        except BaseException as error:  # reported below, after the threads join
            errors.append(error)
        finally:
            connection.close()  # each thread had a connection of its own

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts + beta_drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with panel_scope(alpha.panel):
        numbers = sorted(Decision.objects.exclude(pk=first.pk).values_list("number", flat=True))
    assert numbers == list(range(first.number + 1, first.number + 1 + SUBMISSIONS))
    with panel_scope(beta.panel):
        assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_it_keeps_the_number_of_a_withdrawn_decision_and_numbers_on(cast):
    alpha = cast["alpha"]
    one = services.decision_submit(decision=draft(alpha, "One"), actor=None)
    withdrawn = services.decision_withdraw(decision=one, reason="Superseded", actor=None)
    two = services.decision_submit(decision=draft(alpha, "Two"), actor=None)
    assert (withdrawn.number, withdrawn.status, two.number) == (1, "withdrawn", 2)


def test_it_does_not_number_a_decision_twice(cast):
    alpha = cast["alpha"]
    decision = services.decision_submit(decision=draft(alpha), actor=None)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.decision_submit(decision=decision, actor=None)
