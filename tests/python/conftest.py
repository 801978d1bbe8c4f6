"""Shared fixtures of the Python module's tests: the shipped rules, the command line, the
catalog. ctest sets ONETHING_SOURCE_DIR and ONETHING_CLI (tests/python/CMakeLists.txt)."""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ONETHING_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
RULES = SOURCE_DIR / "rules"


@pytest.fixture(scope="session")
def rules():
    """The shipped catalog's folder."""
    return RULES


@pytest.fixture(scope="session")
def cli():
    """The onething command of this build."""
    path = os.environ.get("ONETHING_CLI")
    if not path:
        pytest.skip("ONETHING_CLI is not set (run through ctest)")
    return path


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog, loaded once."""
    import onething

    return onething.Catalog([str(RULES)])
