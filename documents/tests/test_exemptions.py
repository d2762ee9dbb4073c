"""Schedule 12A's paragraphs: England's Part 1 (1 to 7), Wales's Part 4 (12 to 18)."""

from __future__ import annotations

from documents import exemptions
from panel.models import Jurisdiction


def test_it_offers_each_nation_its_own_paragraphs():
    assert list(exemptions.paragraphs_for(Jurisdiction.ENGLAND)) == [1, 2, 3, 4, 5, 6, 7]
    assert list(exemptions.paragraphs_for(Jurisdiction.WALES)) == [12, 13, 14, 15, 16, 17, 18]
    england, wales = (exemptions.paragraphs_for(j) for j in Jurisdiction.values)
    assert england[3].summary == wales[14].summary


def test_it_names_the_paragraph_in_law():
    assert exemptions.legal_reference(Jurisdiction.WALES, 13) == (
        "Paragraph 13 of Part 4 of Schedule 12A to the Local Government Act 1972"
    )
    assert exemptions.legal_reference(Jurisdiction.ENGLAND, 2).startswith("Paragraph 2 of Part 1")


def test_it_gives_a_form_its_choices():
    choices = exemptions.choices_for(Jurisdiction.ENGLAND)
    assert choices[0] == (1, "Paragraph 1: Information relating to any individual.")
    assert len(choices) == 7
