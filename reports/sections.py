"""Data sections of a committee report, each built from live data.

A committee report is the officer's text (purpose, recommendations, implications) around data
sections chosen from the blocks below. Each block turns what the product holds into a
`DataSection`: numbered paragraphs of plain sentences, charts from `reports.charts` (always
printed with their figures in a table), tables, and the basis of the figures. A block with no
data says so in `empty` and never fails. Detail that names schools causing concern goes into
`appendix`, which the report prints in its exempt appendix (when the officer keeps the block's
detail exempt, the default for that block) or in the body.

Every block counts across the whole local authority: a committee report is written by LA
officers for a board, and nothing in a body section names a school whose risk category or
peer-review findings are confidential.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .charts import Chart


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this index hold figures (right-aligned)


@dataclass
class DataSection:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    basis: str = ""  # how the figures are counted, printed under the section
    empty: str = ""  # set when there is no data: one sentence that says what is missing
    appendix: DataSection | None = None  # detail naming schools: the exempt appendix


@dataclass(frozen=True)
class Period:
    """What the report covers: activity between `starts_on` and `ends_on` (inclusive);
    standing figures (the register, risk categories) are as they are on `ends_on`."""

    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    description: str  # one line for the report builder's checkboxes
    build: Callable[[Period], DataSection]
    exempt_by_default: bool = False


BLOCKS: dict[str, Block] = {}


def block(key: str, title: str, description: str, *, exempt_by_default: bool = False):
    def register(build: Callable[[Period], DataSection]):
        BLOCKS[key] = Block(key, title, description, build, exempt_by_default)
        return build

    return register


def all_blocks() -> dict[str, Block]:
    """Every block, in the report's running order (reports/blocks.py registers them)."""
    from . import blocks  # noqa: F401

    return BLOCKS


def build_sections(keys: list[str], period: Period) -> list[DataSection]:
    """The chosen blocks' sections, in the running order of `all_blocks()`."""
    return [block.build(period) for key, block in all_blocks().items() if key in keys]
