"""Switch off telemetry and pin local state before any library reads its settings.

dbt, Prefect and Great Expectations each phone home unless told otherwise, and they read these
variables at import time, so this module is imported by ``flows/__init__`` before anything else.
The user's environment is left alone where it already decided (``setdefault``).
"""

from __future__ import annotations

import os

OFFLINE_DEFAULTS: dict[str, str] = {
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_NO_VERSION_CHECK": "true",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "HF_HUB_OFFLINE": "1",
    # Run logs reach the Prefect API (and UI) from INFO up, but the terminal shows warnings only:
    # Prefect's banners are noise there, a pipeline's own summary and progress lines are what users read.
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "TQDM_DISABLE": "1",
}


def apply_offline_defaults() -> None:
    """Set the no-telemetry variables unless the environment already chose a value."""
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Telemetry must stay off even if a user exported the opposite by accident.
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
