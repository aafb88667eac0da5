"""The E-ARK validator (`eark-validator` 1.1.3, Apache-2.0) in tests, without the network.

At import it downloads four CSIP vocabularies from https://earkcsip.dilcis.eu/schema/ that it
also ships under `eark_validator/ipxml/resources/vocabs/`: `load()` serves those shipped files
to `urllib.request.urlopen` while it imports, and refuses any other address.

The package pins lxml==5.1.0, which conflicts with the project's lxml==6.2.1 (README "Arkiv"),
so it is not among the pinned dependencies: `load()` skips, saying so, where it is not
installed (`pip install --no-deps eark-validator==1.1.3 importlib-resources==5.12.0`).
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from unittest import mock

import pytest

VOCABULARY_SITE = "https://earkcsip.dilcis.eu/schema/"


def _shipped_vocabulary(vocabs: Path):
    def urlopen(url, *args, **kwargs):
        address = getattr(url, "full_url", url)
        if not address.startswith(VOCABULARY_SITE):
            raise AssertionError(f"the validator asked the network for {address}")
        return io.BytesIO((vocabs / address[len(VOCABULARY_SITE) :]).read_bytes())

    return urlopen


def load():
    """The validator's `PackageValidator` and `SpecificationVersion`."""
    if "eark_validator.packages" not in sys.modules:
        spec = importlib.util.find_spec("eark_validator")
        if spec is None:
            pytest.skip(
                "eark-validator 1.1.3 is not installed (it pins lxml==5.1.0 against the "
                "project's lxml==6.2.1; see README 'Arkiv')"
            )
        vocabs = Path(spec.submodule_search_locations[0]) / "ipxml" / "resources" / "vocabs"
        # schematron.py binds `urlopen` and reads the vocabularies when it is imported: both
        # happen inside the patch, so it keeps the shipped-file reader afterwards too.
        with mock.patch("urllib.request.urlopen", _shipped_vocabulary(vocabs)):
            import eark_validator.ipxml.schematron  # noqa: F401
    from eark_validator import packages
    from eark_validator.specifications.specification import SpecificationVersion

    return packages.PackageValidator, SpecificationVersion
