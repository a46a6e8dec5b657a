"""Reading import files: CSV (comma or semicolon, BOM) and JSON Lines, with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from storefront.importing import ImportFileError, RowReader, slugify


def read(path: Path, text: str) -> tuple[list[tuple[int, dict[str, object]]], list[str]]:
    path.write_text(text, encoding="utf-8")
    reader = RowReader(path)
    rows = list(reader)
    return rows, [str(error) for error in reader.errors]


def test_csv_rows_carry_their_file_line_numbers(tmp_path: Path) -> None:
    rows, errors = read(
        tmp_path / "a.csv",
        'sku,title\nA,"Two\nlines"\n\nB,Bee\nC,x,extra\nD\n',
    )

    assert rows == [
        (2, {"sku": "A", "title": "Two\nlines"}),
        (5, {"sku": "B", "title": "Bee"}),
        (7, {"sku": "D"}),
    ]
    assert errors == ["line 6: csv: more values than columns"]


def test_semicolon_csv_from_a_spreadsheet_with_a_bom(tmp_path: Path) -> None:
    rows, errors = read(tmp_path / "a.CSV", "\ufeffsku;price\nA;12,50\n")

    assert rows == [(2, {"sku": "A", "price": "12,50"})]
    assert errors == []


def test_jsonl_lines_must_be_objects(tmp_path: Path) -> None:
    rows, errors = read(
        tmp_path / "a.ndjson", '{"sku": "A", "price": 12.5}\n\n{bad\n[1]\n{"sku": "B"}\n'
    )

    assert rows == [(1, {"sku": "A", "price": 12.5}), (5, {"sku": "B"})]
    assert errors == [
        "line 3: json: Expecting property name enclosed in double quotes at column 2",
        "line 4: json: expected an object {...}",
    ]


def test_other_extensions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"expected a \.csv, \.jsonl or \.ndjson file"):
        RowReader(tmp_path / "catalog.xlsx")


def test_slugs_are_ascii() -> None:
    assert slugify("Genève — Rive ") == "geneve-rive"
    assert slugify("Vélo & Co") == "velo-co"
