"""Test-wide settings."""
import os

from hypothesis import settings

# On CI the property tests draw the same examples every run (a failure there must be reproducible
# and must not depend on luck); on a developer's machine they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")
