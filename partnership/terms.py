"""English school terms: autumn (September to December), spring (January to Easter), summer
(Easter to August). Academic years are written 2025/26."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return date(year, month, day + 1)


@dataclass(frozen=True)
class Term:
    name: str
    starts_on: date
    ends_on: date

    @property
    def academic_year(self) -> str:
        first = self.starts_on.year if self.name == "Autumn" else self.starts_on.year - 1
        return f"{first}/{str(first + 1)[2:]}"

    def __str__(self) -> str:
        return f"{self.name} term {self.academic_year}"


def term_of(day: date) -> Term:
    if day.month >= 9:
        return Term("Autumn", date(day.year, 9, 1), date(day.year, 12, 31))
    easter = easter_sunday(day.year)
    if day <= easter:
        return Term("Spring", date(day.year, 1, 1), easter)
    return Term("Summer", easter + timedelta(days=1), date(day.year, 8, 31))


def long_date(day: date) -> str:
    """27 March 2026: the date as the service writes it in sentences."""
    return f"{day.day} {day:%B %Y}"


def academic_year_start(day: date) -> int:
    """The calendar year in which the academic year containing `day` began (2026 for 2026/27)."""
    return day.year if day.month >= 9 else day.year - 1
