"""bench/compare_matrix.py: the per-cell comparison that shows a refactoring changed no answer (issue #18)."""

import importlib.util
from pathlib import Path

from kb.matrix import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("compare_matrix", ROOT / "bench" / "compare_matrix.py")
assert spec is not None and spec.loader is not None
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

HEADER = ",".join(CSV_COLUMNS) + "\n"
ROW = (
    "2026-12-01,DEU,RUS,MLA,available_with_conditions,specific,specific,"
    "cets-030,cets-030/art/1,{cond},,2024-10-09,{engine}\n"
)


def panel(tmp_path: Path, name: str, cond: str, engine: str) -> dict[tuple[str, ...], dict[str, str]]:
    path = tmp_path / name
    path.write_text(HEADER + ROW.format(cond=cond, engine=engine), encoding="utf-8")
    return compare.read_panel(path)


def test_a_changed_condition_code_is_a_difference(tmp_path: Path) -> None:
    base = panel(tmp_path, "a.csv", "Reservation", "1")
    new = panel(tmp_path, "b.csv", "Reservation;SecondarySource", "1")
    (line,) = compare.differences(base, new)
    assert line.startswith("2026-12-01 DEU RUS MLA: conditions")


def test_the_engine_version_is_not_compared(tmp_path: Path) -> None:
    assert (
        compare.differences(panel(tmp_path, "a.csv", "Reservation", "1"), panel(tmp_path, "b.csv", "Reservation", "2"))
        == []
    )


def test_a_missing_cell_is_a_difference(tmp_path: Path) -> None:
    base = panel(tmp_path, "a.csv", "Reservation", "1")
    assert compare.differences(base, {}) == ["2026-12-01 DEU RUS MLA: only in base"]
