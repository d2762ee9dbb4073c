"""The ``id`` path converter: a record's number in an address (``/complaints/<id:complaint_id>/``).

Django's ``int`` takes any run of digits, and a number past what a database integer holds
reached a lookup through a foreign key as an error (an ``OverflowError`` on SQLite, "integer out
of range" on PostgreSQL): a 500 for ``/files/99999999999999999999/``. An address naming such a
number names no record, so it is not one of ours: a 404 before any view runs.
"""

from __future__ import annotations

# The largest value a database integer column holds (PostgreSQL's integer; its bigint and
# SQLite's hold more): a number a request names beyond it can name no row.
INT_MAX = 2**31 - 1


class IdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > INT_MAX:
            raise ValueError(value)  # Django: this pattern does not match
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)
