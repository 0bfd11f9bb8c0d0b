from __future__ import annotations

import pytest

from router.domain.errors import InvalidArgumentError
from router.domain.ingestion.identities import normalize_identity, normalize_phone
from router.domain.ingestion.messages import CustomerIdentity


@pytest.mark.parametrize(
    "written", ["+7 (900) 123-45-67", "79001234567", "8 900 123 45 67", "+79001234567"]
)
def test_one_phone_written_many_ways_is_one_number(written: str) -> None:
    assert normalize_phone(written) == "79001234567"


def test_a_foreign_number_keeps_its_country_code() -> None:
    assert normalize_phone("+90 212 555 01 02") == "902125550102"


@pytest.mark.parametrize("bad", ["12", "call me", "+1234567890123456"])
def test_something_that_is_not_a_phone_is_refused(bad: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        normalize_phone(bad)
    assert caught.value.field == "message.customer.verified_phone"


def test_emails_compare_case_insensitively_and_names_are_untouched() -> None:
    identity = normalize_identity(
        CustomerIdentity("u1", display_name=" Анна ", verified_email=" Anna@Example.RU ")
    )
    assert identity.verified_email == "anna@example.ru"
    assert identity.display_name == " Анна "
