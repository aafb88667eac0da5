"""Small helpers shared by the apps' views."""

from django.core.exceptions import ValidationError
from django.forms import Form


def apply_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's Swedish ValidationError on the form it came from, field by field where
    the service named a field the form has, otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
