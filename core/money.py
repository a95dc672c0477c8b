"""Money is Decimal in 万元 with two places, end to end."""

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONEY_KWARGS = {"max_digits": 14, "decimal_places": 2}


def quantize_wan(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_2dp(value):
    """A quantity (万元, 亩) as it appears in JSON: a string with exactly two decimals."""
    return str(quantize_wan(value if value is not None else ZERO))


format_wan = format_2dp


def percent(part, whole):
    """part / whole as a percentage with two places; 0 when there is no whole."""
    if not whole:
        return ZERO
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)
