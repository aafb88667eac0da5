from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`labels|get_item:goal.area`: a dictionary lookup in a template."""
    return mapping.get(key)
