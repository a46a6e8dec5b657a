"""Import files: CSV or JSON Lines read into numbered rows, field checks, and the CLI runner."""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storefront import db

T = TypeVar("T")
Row = dict[str, Any]
Rows = Iterable[tuple[int, Row]]
# The FILE argument of every `... import FILE` command.
IMPORT_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
Status = Literal["created", "updated", "unchanged"]

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.reason}"


@dataclass
class ImportResult:
    """What an import did, counted per record (SKU, store, stock level), or why it did nothing."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown_fields: list[str] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    def tally(self, status: Status) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def note_unknown(self, row: Row, known: frozenset[str]) -> None:
        """Remember fields the importer ignores, so the summary names each one once."""
        for name in row:
            if name not in known and name not in self.unknown_fields:
                self.unknown_fields.append(name)

    def summary(self, noun: str) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged {noun}"


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong extension, not UTF-8."""


class RowReader:
    """Yields (line number, row) from a CSV or JSON Lines file, chosen by its extension.

    Lines that cannot be read at all (invalid JSON, more CSV values than columns) are kept
    in ``errors`` rather than raised, so one run reports every bad line of the file.
    CSV files may use "," or ";" (as spreadsheets set to French do) and may start with a BOM.
    """

    def __init__(self, path: Path) -> None:
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise ImportFileError(f"{path.name}: expected a .csv, .jsonl or .ndjson file")
        self.path = path
        self.kind = kind
        self.errors: list[LineError] = []

    def count(self) -> int:
        """Number of data lines, for a progress bar's length."""
        with self.path.open(encoding="utf-8-sig", errors="replace") as handle:
            lines = sum(1 for text in handle if text.strip())
        return max(lines - 1, 0) if self.kind == "csv" else lines

    def __iter__(self) -> Iterator[tuple[int, Row]]:
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                yield from self._csv(handle) if self.kind == "csv" else self._jsonl(handle)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{self.path.name}: not UTF-8 text ({exc.reason})") from None

    def _csv(self, handle: Any) -> Iterator[tuple[int, Row]]:
        first = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter=";" if first.count(";") > first.count(",") else ",")
        names = [name.strip() for name in next(reader, [])]
        for name in {n for n in names if n and names.count(n) > 1}:
            self.errors.append(LineError(1, name, "column appears more than once"))
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.errors.append(LineError(start, "csv", str(exc)))
                return
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                self.errors.append(LineError(start, "csv", "more values than columns"))
                continue
            yield start, {n: v for n, v in zip(names, values, strict=False) if n}

    def _jsonl(self, handle: Any) -> Iterator[tuple[int, Row]]:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                self.errors.append(LineError(number, "json", f"{exc.msg} at column {exc.colno}"))
                continue
            if not isinstance(value, dict):
                self.errors.append(LineError(number, "json", "expected an object {...}"))
                continue
            yield number, value


class Fields:
    """Reads one row's values, collecting a LineError per bad field instead of stopping."""

    def __init__(self, line: int, row: Row, errors: list[LineError]) -> None:
        self.line = line
        self.row = row
        self.errors = errors
        self.ok = True

    def error(self, name: str, reason: str) -> None:
        self.errors.append(LineError(self.line, name, reason))
        self.ok = False

    def value(self, name: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        """The parsed value, or None when the field is missing, empty or invalid."""
        raw = self.row.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.error(name, "required")
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            self.error(name, str(exc))
            return None

    def given(self, name: str, parse: Callable[[Any], T]) -> T | None:
        """The parsed value of a field the row has, even empty (which may mean "clear it");
        None when the row lacks the field, or its value is invalid."""
        if name not in self.row:
            return None
        try:
            return parse(self.row[name])
        except ValueError as exc:
            self.error(name, str(exc))
            return None

    def text(self, name: str, *, required: bool = False, max_length: int = 255) -> str:
        """Stripped text, "" when missing; numbers are accepted as their digits."""
        try:
            value = as_text(self.row.get(name))
        except ValueError as exc:
            self.error(name, str(exc))
            return ""
        if not value and required:
            self.error(name, "required")
        elif len(value) > max_length:
            self.error(name, f"longer than {max_length} characters")
            return ""
        return value


def as_text(raw: Any) -> str:
    """Text from a CSV cell or a JSON value; "" for a missing one (None). A NUL character
    (which PostgreSQL cannot store) is refused, as a line error."""
    if type(raw) is str:  # the common case first: every CSV cell
        if "\x00" in raw:
            raise ValueError("holds a NUL character")
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise ValueError("must be text")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated: "Lyon Part-Dieu" -> "lyon-part-dieu"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return NOT_SLUG.sub("-", ascii_text).strip("-")


def unique_slug(base: str, taken: set[str], max_length: int = 120) -> str:
    """``base``, or ``base-2``, ``base-3``...: the first one not in ``taken``, which it joins."""
    base = base[: max_length - 6].strip("-") or "item"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def assign_changed(target: object, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when any did, so unchanged rows stay unwritten
    and can be counted as such."""
    changed = False
    for name, value in values.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed


def chunks(values: Iterable[T], size: int = 900) -> Iterator[list[T]]:
    """Slices small enough for an ``IN (...)`` on every engine."""
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def first_seen(keys: Sequence[tuple[int, str]], errors: list[LineError], name: str) -> None:
    """Flag every (line, key) whose key already appeared on an earlier line."""
    seen: dict[str, int] = {}
    for line, key in keys:
        if key in seen:
            errors.append(LineError(line, name, f"{key} already appears on line {seen[key]}"))
        else:
            seen[key] = line


def run_import(path: Path, service: Callable[[Session, Rows], ImportResult], noun: str) -> None:
    """Run one import file in one transaction: commit when every line is good, else change
    nothing, list every bad line as ``line N: field: reason`` and exit with status 1."""
    try:
        reader = RowReader(path)
    except ImportFileError as exc:
        raise click.ClickException(f"{exc}. Nothing was imported.") from None
    db_session = db.session()
    try:
        result = service(db_session, _with_progress(reader, noun))
        errors = sorted(reader.errors + result.errors, key=lambda error: error.line)
        if errors:
            db_session.rollback()
        else:
            db_session.commit()
    except ImportFileError as exc:
        db_session.rollback()
        raise click.ClickException(f"{exc}. Nothing was imported.") from None
    except SQLAlchemyError as exc:
        db_session.rollback()
        reason = getattr(exc, "orig", None) or exc
        message = f"the database refused the import, nothing changed: {reason}"
        raise click.ClickException(message) from None
    if result.unknown_fields:
        click.echo(f"Ignored unknown fields: {', '.join(result.unknown_fields)}", err=True)
    if errors:
        for error in errors:
            click.echo(str(error), err=True)
        bad_lines = len({error.line for error in errors})
        click.echo(f"{bad_lines} bad line(s) in {path.name}: nothing was imported.", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"Imported {path.name}: {result.summary(noun)}.")


def _with_progress(reader: RowReader, noun: str) -> Iterator[tuple[int, Row]]:
    if not sys.stderr.isatty():
        yield from reader
        return
    with click.progressbar(
        reader, length=reader.count(), label=f"Reading {noun}", file=sys.stderr
    ) as rows:
        yield from rows
