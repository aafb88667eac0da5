"""The built-in Västerbotten structure as the test database's reference data.

It is loaded once per test run, committed, like data a migration would create: 16 principals,
their groupings and the groups with their rules. Tests build everything else they need."""

from structure.loader import load_structure, read_data_file
from structure.models import Principal


def ensure_structure() -> None:
    """Load the structure unless it is there (a transactional test's flush empties the tables)."""
    if not Principal.objects.exists():
        load_structure(read_data_file())
