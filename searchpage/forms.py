from django import forms

from search.models import Kind

MAX_QUERY_LENGTH = 200

# The kind filter in the address, in Swedish (never the internal keys).
KIND_SLUGS = {
    "arenden": Kind.CASE,
    "minnesanteckningar": Kind.MINUTES,
    "rekommendationer": Kind.RECOMMENDATION,
    "nyheter": Kind.NEWS,
}
SLUG_OF_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Sök",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": "Skriv högst %(limit_value)d tecken."},
    )
    typ = forms.ChoiceField(
        label="Visa",
        required=False,
        choices=[("", "Allt")] + [(slug, kind.label) for slug, kind in KIND_SLUGS.items()],
    )

    def clean_typ(self) -> str | None:
        slug = self.cleaned_data["typ"]
        return KIND_SLUGS[slug] if slug else None
