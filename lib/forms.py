"""Small helpers shared by the apps' views."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import Form, ModelChoiceField, ModelMultipleChoiceField


def apply_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's Swedish ValidationError on the form it came from, field by field where
    the service named a field the form has, otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
