"""The pipeline runs each step over a whole batch; units keep their order and their failures."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.errors import StepError
from storyline.pipeline.base import Pipeline, UnitStep
from storyline.records import DocKind, Document, Work


class _Upper(UnitStep):
    name = "upper"

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def process(self, unit: Work) -> None:
        if unit.document.raw == b"bad":
            raise StepError("bad", "refused")
        unit.decoded = unit.document.raw.decode().upper()
        self.log.append(f"upper {unit.decoded}")


class _Exclaim(UnitStep):
    name = "exclaim"

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def process(self, unit: Work) -> None:
        unit.decoded = f"{unit.decoded}!"
        self.log.append(f"exclaim {unit.decoded}")


def _unit(raw: bytes) -> Work:
    return Work(Document(raw, "test", DocKind.TEXT, "test", datetime(2025, 1, 1, tzinfo=UTC)))


def test_each_step_sees_the_whole_batch_before_the_next_and_failures_pass_through() -> None:
    log: list[str] = []
    pipeline = Pipeline([_Upper(log), _Exclaim(log)])
    done = pipeline.run([_unit(b"a"), _unit(b"bad"), _unit(b"b")])
    assert [u.decoded for u in done] == ["A!", None, "B!"]
    assert done[1].failure is not None and done[1].failure.reason == "bad"
    assert log == ["upper A", "upper B", "exclaim A!", "exclaim B!"]
    upper, exclaim = pipeline.stats
    assert (upper.total, upper.forwarded, dict(upper.dropped)) == (3, 2, {"bad": 1})
    assert (exclaim.total, exclaim.forwarded) == (2, 2)


class _Defect(UnitStep):
    name = "defect"

    def process(self, unit: Work) -> None:
        if unit.document.raw == b"boom":
            raise KeyError("a case no rule foresaw")
        unit.decoded = unit.document.raw.decode()


def test_a_defect_met_by_one_document_fails_it_and_the_batch_goes_on() -> None:
    pipeline = Pipeline([_Defect()])
    done = pipeline.run([_unit(b"a"), _unit(b"boom"), _unit(b"c")])
    assert [u.decoded for u in done] == ["a", None, "c"]
    failure = done[1].failure
    assert failure is not None and (failure.step, failure.reason) == ("defect", "internal")
    assert "KeyError" in failure.message
    assert pipeline.stats[0].dropped == {"internal": 1}
