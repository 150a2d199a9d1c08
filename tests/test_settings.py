"""The one settings object: environment, config file and defaults, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from contested.core.exceptions import InputError
from contested.core.settings import DEFAULT_NOMINATIM_URL, Settings


def test_environment_sets_the_cache_dir_and_urls(tmp_path: Path) -> None:
    settings = Settings.load(environ={
        "CONTESTED_CACHE_DIR": str(tmp_path),
        "CONTESTED_NOMINATIM_URL": "http://127.0.0.1:9/",
    })
    assert settings.cache_dir == tmp_path
    assert settings.nominatim_url == "http://127.0.0.1:9"


def test_defaults_without_environment_or_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path)})
    assert settings.online is False
    assert settings.nominatim_url == DEFAULT_NOMINATIM_URL
    assert settings.http_max_bytes == 200 * 1024 * 1024


def test_config_file_sets_online_and_tolerances(tmp_path: Path) -> None:
    config = tmp_path / "contested.toml"
    config.write_text('online = true\n[tolerance]\ncomparison = 0.2\n', encoding="utf-8")
    settings = Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path)}, config_path=config)
    assert settings.online is True
    assert settings.tolerances == {"comparison": 0.2}


@pytest.mark.parametrize(("content", "names"), [
    (b"online = 'yes'\n", "online"),
    (b"onlin = true\n", "onlin"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    (b"online = \n", "not valid TOML"),
    (b"tolerance = 3\n", "tolerance"),
])
def test_a_bad_config_file_is_an_input_error_naming_the_file(
    tmp_path: Path, content: bytes, names: str
) -> None:
    config = tmp_path / "bad.toml"
    config.write_bytes(content)
    with pytest.raises(InputError) as raised:
        Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path)}, config_path=config)
    assert str(config) in str(raised.value)
    assert names in str(raised.value)


@pytest.mark.parametrize("value", ["nan", "inf", "1e309", "-5", "0", "lots"])
def test_a_bad_http_size_cap_is_refused_naming_the_variable(tmp_path: Path, value: str) -> None:
    with pytest.raises(InputError, match="CONTESTED_HTTP_MAX_MB"):
        Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path),
                               "CONTESTED_HTTP_MAX_MB": value})


def test_a_url_that_is_not_http_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an http"):
        Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path),
                               "CONTESTED_GEOBOUNDARIES_URL": "file:///etc/passwd"})
