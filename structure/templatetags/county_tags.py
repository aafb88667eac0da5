"""The county's facts in templates rendered without a request (mail), where the context
processor does not run: `{% load county_tags %}{% current_county as county %}`."""

from django import template

from structure import county as county_facts

register = template.Library()


@register.simple_tag
def current_county() -> county_facts.CountyFacts:
    return county_facts.current()
