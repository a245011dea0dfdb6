"""How a figure's change, rate and move reach readers: the sheet page, the figures index, the CSV download,
and the disagreement finder (a change is no level to compare). Figures here are written for these tests."""

from __future__ import annotations

import csv
import io

import pytest

from generator.corpus.stories import _bounds
from generator.model import FactSheet, Figure, Generated, Source
from generator.render import exports, format_value, render_site
from generator.sheets import yamlio

GEN = Generated(tool="factsheet test", pipeline="test", content_hash="sha256:" + "2" * 64, at="2024-01-02T03:04:05Z")
FIGURES = (
    Figure(text="fell from 2,415 to 2,315", value=(2415, 2315), sentence="Members fell from 2,415 to 2,315."),
    Figure(text="up nearly 57%", value=57, unit="percentage", approx="almost", change="up",
           sentence="Shares were up nearly 57%."),
    Figure(text="40,000 passengers a day", value=40000, per="day", counts="passengers",
           sentence="It handles 40,000 passengers a day."),
)


def sheet() -> FactSheet:
    return FactSheet(id="port", title="Port", source=Source(url="https://news.example.com/port"), generated=GEN,
                     figures=FIGURES)


@pytest.mark.parametrize("value, shown", [
    ((2415, 2315), "2,415 \u2192 2,315"),
    ({"low": 250, "high": 300}, "250\u2013300"),
    (14000, "14,000"),
])
def test_a_move_reads_in_its_order(value, shown):
    assert format_value(value) == shown


def test_csv_rows_carry_change_per_and_a_move_in_order():
    rows = list(csv.DictReader(io.StringIO(exports.as_csv(sheet()))))
    got = [(r["value"], r["value_high"], r["approx"], r["change"], r["per"]) for r in rows]
    assert got == [("2415", "2315", "", "", ""), ("57", "", "almost", "up", ""), ("40000", "", "", "", "day")]


@pytest.mark.parametrize("figure, bounds", [
    (FIGURES[0], None),  # a move is no single level
    (FIGURES[1], None),  # a change is no level
    (FIGURES[2], (40000.0, 40000.0)),
])
def test_only_levels_are_compared_across_articles(figure, bounds):
    assert _bounds(figure) == bounds


def test_sheet_page_and_index_show_change_and_rate(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "port.yaml").write_text(yamlio.dump(sheet().to_dict()), encoding="utf-8")
    render_site(facts, tmp_path / "docs")
    for page in (tmp_path / "docs" / "sheets" / "port.md", tmp_path / "docs" / "indexes" / "figures.md"):
        text = page.read_text(encoding="utf-8")
        assert "2,415 \u2192 2,315" in text
        assert "almost, up" in text and "exact, per day" in text
