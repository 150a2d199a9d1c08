"""The one settings object: read once at the top (the CLI, a notebook), then passed down.

    >>> from contested.core.settings import Settings
    >>> settings = Settings.load(environ={"CONTESTED_CACHE_DIR": "/tmp/contested-cache"})
    >>> str(settings.cache_dir), settings.online
    ('/tmp/contested-cache', False)

Where each value comes from, first match wins:

===================  ===============  ============================  ===================
setting              command line     environment                   config file (TOML)
===================  ===============  ============================  ===================
cache_dir                             CONTESTED_CACHE_DIR
config_path          --config         CONTESTED_CONFIG
online               --online                                       online = true
contact                               CONTESTED_CONTACT             contact
http_max_mb                           CONTESTED_HTTP_MAX_MB         http_max_mb
nominatim_url                         CONTESTED_NOMINATIM_URL       nominatim_url
geoboundaries_url                     CONTESTED_GEOBOUNDARIES_URL   geoboundaries_url
tolerances           --tolerance                                    [tolerance] table
===================  ===============  ============================  ===================

Defaults: platformdirs' user cache dir; ``./contested.toml``, else the user config dir's
``contested.toml``; offline; the project page as contact; a 200 MB download cap; the public
Nominatim and geoBoundaries; the checks' own tolerances.

Nothing else in contested reads the environment or a config file: modules take the values
they need as arguments. A bad value is an :class:`~contested.core.exceptions.InputError`
naming the variable or the file and key.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from contested.core.exceptions import InputError

DEFAULT_CONTACT = "https://pypi.org/project/contested/"
DEFAULT_HTTP_MAX_MB = 200.0
DEFAULT_NOMINATIM_URL = "https://nominatim.openstreetmap.org"
DEFAULT_GEOBOUNDARIES_URL = "https://www.geoboundaries.org"
# The keys a config file may hold; anything else is a typo worth a message.
CONFIG_KEYS = ("online", "contact", "http_max_mb", "nominatim_url", "geoboundaries_url",
               "tolerance")
# A config file is a few lines; a bigger one is the wrong file.
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything contested reads from outside its arguments (see the module docstring)."""

    cache_dir: Path
    config_path: Path | None = None
    online: bool = False
    contact: str = DEFAULT_CONTACT
    http_max_mb: float = DEFAULT_HTTP_MAX_MB
    nominatim_url: str = DEFAULT_NOMINATIM_URL
    geoboundaries_url: str = DEFAULT_GEOBOUNDARIES_URL
    tolerances: Mapping[str, Any] = field(default_factory=dict)

    @property
    def http_max_bytes(self) -> int:
        return int(self.http_max_mb * 1024 * 1024)

    def with_options(self, **changes: Any) -> Settings:
        """A copy with command-line options applied (None leaves a value as it is)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def load(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        config_path: str | os.PathLike[str] | None = None,
    ) -> Settings:
        """Read the environment and the config file once. ``config_path`` (``--config``)
        wins over ``CONTESTED_CONFIG`` and the files looked for by default."""
        env = os.environ if environ is None else environ
        path = _config_path(env, config_path)
        config = _read_config(path) if path is not None else {}
        source = str(path) if path is not None else None
        return cls(
            cache_dir=_cache_dir(env),
            config_path=path,
            online=_boolean(config.get("online", False), source, "online"),
            contact=_text(env.get("CONTESTED_CONTACT") or config.get("contact"),
                          DEFAULT_CONTACT, source, "contact"),
            http_max_mb=_megabytes(env, config, source),
            nominatim_url=_url(env.get("CONTESTED_NOMINATIM_URL")
                               or config.get("nominatim_url"), DEFAULT_NOMINATIM_URL, source,
                               "nominatim_url"),
            geoboundaries_url=_url(env.get("CONTESTED_GEOBOUNDARIES_URL")
                                   or config.get("geoboundaries_url"), DEFAULT_GEOBOUNDARIES_URL,
                                   source, "geoboundaries_url"),
            tolerances=_table(config.get("tolerance", {}), source),
        )


def _cache_dir(env: Mapping[str, str]) -> Path:
    configured = env.get("CONTESTED_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("contested"))


def _config_path(env: Mapping[str, str], given: str | os.PathLike[str] | None) -> Path | None:
    if given is not None:
        return Path(given)
    configured = env.get("CONTESTED_CONFIG")
    if configured:
        return Path(configured)
    local = Path("contested.toml")
    if local.is_file():
        return local
    import platformdirs

    user = Path(platformdirs.user_config_dir("contested")) / "contested.toml"
    return user if user.is_file() else None


def _read_config(path: Path) -> dict[str, Any]:
    import tomllib  # here: most runs have no config file, and its import costs a cold start

    hint = "fix the file, or point --config / CONTESTED_CONFIG at another"
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise InputError("config file not found", source=str(path), hint=hint) from None
    except OSError as error:
        raise InputError(f"cannot read config: {error.strerror}", source=str(path),
                         hint=hint) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise InputError("config file larger than 1 MB", source=str(path), hint=hint)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("config file is not UTF-8 text", source=str(path), hint=hint) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", source=str(path), hint=hint) from None
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise InputError(f"unknown setting {unknown[0]!r}", source=str(path),
                         hint="known settings: " + ", ".join(CONFIG_KEYS))
    return data


def _boolean(value: Any, source: str | None, key: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"expected true or false, got {value!r}", source=source, field=key)
    return value


def _text(value: Any, default: str, source: str | None, key: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise InputError(f"expected one line of text, got {value!r}", source=source, field=key)
    return value.strip()


def _url(value: Any, default: str, source: str | None, key: str) -> str:
    text = _text(value, default, source, key)
    if not text.startswith(("http://", "https://")):
        raise InputError(f"{text!r} is not an http(s) URL", source=source, field=key)
    return text.rstrip("/")


def _megabytes(env: Mapping[str, str], config: Mapping[str, Any], source: str | None) -> float:
    hint = "a size in megabytes, e.g. 500"
    if env.get("CONTESTED_HTTP_MAX_MB"):
        raw: Any = env["CONTESTED_HTTP_MAX_MB"]
        source, key = None, "CONTESTED_HTTP_MAX_MB"
    else:
        raw, key = config.get("http_max_mb", DEFAULT_HTTP_MAX_MB), "http_max_mb"
    try:
        megabytes = float(raw)
    except (TypeError, ValueError):
        raise InputError(f"not a number: {raw!r}", source=source, field=key, hint=hint) from None
    # More than a terabyte is not a cap; nan and inf are no size at all.
    if isinstance(raw, bool) or not math.isfinite(megabytes) or not 0 < megabytes <= 1e6:
        raise InputError(f"expected a size between 0 and 1,000,000 MB, got {raw!r}",
                         source=source, field=key, hint=hint)
    return megabytes


def _table(value: Any, source: str | None) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InputError("[tolerance] must be a table", source=source, field="tolerance")
    return dict(value)
