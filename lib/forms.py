"""Small helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form, ModelChoiceField, ModelMultipleChoiceField
from django.shortcuts import redirect, render

T = TypeVar("T")


def apply_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's Swedish ValidationError on the form it came from, field by field where
    the service named a field the form has, otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit(form: Form, write: Callable[[dict[str, Any]], T]) -> T | None:
    """Validate the posted `form` and hand its cleaned data to `write` (a service call, which
    returns what it wrote). None when the form or the service refused; the service's Swedish
    ValidationError is then on the form, and the view shows it again with status 400."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None


MAX_ID = 2**63 - 1


def looks_like_id(value) -> bool:
    """A positive database integer; anything else is refused before it reaches a query."""
    text = str(value).strip()
    return text.isdigit() and int(text) <= MAX_ID


class IdChoiceField(ModelChoiceField):
    """A model choice whose posted value must look like an id before it is looked up."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not looks_like_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(ModelMultipleChoiceField):
    """A multi-select of rows by id that refuses a value no id can have (a 20-digit number, a
    word) with the field's Swedish error, before the value reaches a query: SQLite and PostgreSQL
    answer such a lookup with a server error, not a form error."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not looks_like_id(text):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class ConfirmForm(Form):
    """The confirm step's answer: the page is the question, the button posts this."""

    confirm = forms.BooleanField(
        required=True,
        widget=forms.HiddenInput,
        error_messages={"required": "Bekräfta genom att trycka på knappen."},
    )


def act_on_confirm(
    request, act: Callable[[], object], *, page: str, context: dict, done: str, then
):
    """The confirm step's POST view after its lookups and permission check: without the
    button's answer the question again (`page` with `context`, status 400); with it `act()` (the
    service), `done` as a success message and a redirect to `then`. `done` is worded before
    `act()` runs, so it may name what the act removes."""
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return render(request, page, {**context, "form": form}, status=400)
    act()
    messages.success(request, done)
    return redirect(then)
