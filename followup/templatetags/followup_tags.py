from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`labels|get_item:goal.area`: a dictionary lookup in a template."""
    return mapping.get(key)


@register.filter
def number(value):
    """A stored decimal as Swedish text without trailing zeros: 4.10 → "4,1", 104.00 → "104"."""
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    return f"{value}".replace(".", ",")
