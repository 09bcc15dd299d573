"""Warta: raw Indonesian news pages in, article / entity / event marts out.

Importing the package first switches off the telemetry of dbt, Prefect and Great Expectations, so
every entry point (CLI, tests, Prefect deployments) is offline without relying on the user's shell.
"""

from flows._offline import apply_offline_defaults

apply_offline_defaults()

__version__ = "0.1.0"
