"""How scenario and save files are read into the core's dataclasses.

Each dataclass carries this as its own pydantic config (``__pydantic_config__``), so
reading a file behaves the same whatever was imported first: a key the class does not
declare is an error, and no number may be NaN or infinite. A plain dict, so the rules
need no pydantic.
"""

from typing import Any

STRICT_INPUT: dict[str, Any] = {"extra": "forbid", "allow_inf_nan": False}
