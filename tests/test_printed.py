"""Reading printed quantities: strict on digits, explicit on words, hedges and missing marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tables.printed import PrintedError, Reading, matches, read_printed


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("2,294,554", Reading(value=2294554)),
        ("-", Reading(missing=True)),
        ("-----", Reading(missing=True)),
        ("49 %", Reading(value=49, percent=True)),
        ("0.9 %", Reading(value=0.9, percent=True)),
        ("more than 22 %", Reading(value=22, qualifier="more than", percent=True)),
        ("about 450,000", Reading(value=450000, qualifier="about")),
        ("about 13,000-15,000", Reading(low=13000, high=15000, qualifier="about")),
        ("200,000-300,000", Reading(low=200000, high=300000)),
        ("exceeded 1,000", Reading(value=1000, qualifier="more than")),
        ("one million", Reading(value=1_000_000)),
        ("15 millions", Reading(value=15_000_000)),
        ("one and half million", Reading(value=1_500_000)),
        ("one and a half", Reading(value=1.5)),
        ("twenty billion", Reading(value=20_000_000_000)),
        ("Ninety-two", Reading(value=92)),
        ("twenty-one", Reading(value=21)),
        ("Two hundred", Reading(value=200)),
        ("one-fifth", Reading(value=0.2)),
        ("three quarters", Reading(value=0.75)),
        ("only a sixth part", Reading(value=1 / 6, qualifier="only")),
        ("more than double", Reading(value=2, qualifier="more than")),
        ("twice", Reading(value=2)),
        ("Several thousand", Reading(qualifier="several")),
        ("few dozen", Reading(qualifier="few")),
        ("millions", Reading()),
    ],
)
def test_reads(printed: str, reading: Reading) -> None:
    assert read_printed(printed) == reading


@pytest.mark.parametrize("printed", ["284,9047", "1,2345", "12,34", "3x", "", "one zillion"])
def test_refuses_what_it_cannot_read_with_certainty(printed: str) -> None:
    with pytest.raises(PrintedError):
        read_printed(printed)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_grouped_integer_reads_back(number: int) -> None:
    assert read_printed(f"{number:,}").value == number


@given(st.integers(min_value=1000, max_value=10**9), st.data())
def test_a_comma_moved_off_its_group_is_refused(number: int, data: st.DataObject) -> None:
    digits = str(number)
    cut = data.draw(st.integers(min_value=1, max_value=len(digits) - 1))
    text = digits[:cut] + "," + digits[cut:]
    if len(digits) - cut == 3 or ((len(digits) - cut) % 3 == 0 and cut <= 3):
        return  # a comma in a valid place (e.g. "1,000") is not an error
    with pytest.raises(PrintedError, match="misplaced thousands separator"):
        read_printed(text)


def test_rounded_fractions_need_four_decimals() -> None:
    assert matches("0.1667", 1 / 6)
    assert not matches("0.17", 1 / 6)
    assert not matches("0.2", 1 / 6)
    assert matches("372906", 372906.0)
    assert not matches("372907", 372906.0)
    assert matches("", None) and not matches("0", None)


# -- a package's own printing ----------------------------------------------------------------

from tables.claims.precision import printed_step  # noqa: E402
from tables.printed import Printing, printing  # noqa: E402

CONTINENTAL = Printing(decimal=",", group=" ")


def test_a_decimal_comma_is_refused_in_english_printing_with_advice() -> None:
    with pytest.raises(PrintedError) as refused:
        read_printed("77,5 %")
    assert "misplaced thousands separator in '77,5'" in str(refused.value)
    assert '"printing": {"decimalMark": ",", "groupSeparator": " "}' in str(refused.value)


def test_a_space_between_thousands_is_refused_in_english_printing_with_advice() -> None:
    with pytest.raises(PrintedError, match="separates thousands with a space, declare"):
        read_printed("11 942")


@pytest.mark.parametrize(
    ("text", "value"),
    [("77,5 %", 77.5), ("11 942", 11942), ("11 942,5", 11942.5), ("1 234 567", 1234567)],
)
def test_continental_printing_reads_its_own_numbers(text: str, value: float) -> None:
    with printing(CONTINENTAL):
        assert read_printed(text).value == value


def test_continental_printing_refuses_an_english_decimal_point() -> None:
    with printing(CONTINENTAL), pytest.raises(PrintedError, match="a point is neither"):
        read_printed("1.5")


def test_a_points_grouped_printing_reads_its_numbers() -> None:
    with printing(Printing(decimal=",", group=".")):
        assert read_printed("11.942,5").value == 11942.5
        with pytest.raises(PrintedError, match="misplaced thousands separator"):
            read_printed("1.5")


def test_precision_follows_the_printing() -> None:
    """77,5 % is good to a tenth; read as a whole number it would pass 77.64 as 77.5."""
    with printing(CONTINENTAL):
        assert printed_step("77,5 %") == pytest.approx(0.1)
        assert printed_step("11 000") == 1000
    assert printed_step("77.5 %") == pytest.approx(0.1)


@pytest.mark.parametrize(
    "declared",
    [{"decimalMark": ";"}, {"decimalMark": ",", "groupSeparator": ","}, "comma"],
)
def test_a_printing_that_cannot_be_used_is_an_error(declared: object) -> None:
    with pytest.raises(PrintedError, match='"printing"'):
        Printing.of({"printing": declared})
