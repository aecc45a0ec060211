"""Import ~1,500 generated calls and check every statistic against a count made straight from the file.

The expected numbers are counted here from the JSON Lines with `json` and `datetime` only (and
`desktop.risk.assess` for a level without an override), never through the database, so the import, the
storage and the SQL of `statistics` are all checked against an independent reading of DESIGN.md §9.
"""

import json
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest

from benchmarks.generate import generate
from desktop import risk
from desktop.exchange import import_file
from desktop.reports.stats import statistics

SEAT = timezone(timedelta(hours=8))
START, DAYS, WINDOW_DAYS, CALLS, SEED = date(2025, 1, 1), 9, 7, 1500, 20250101


def _number(value: float) -> int | float:
    value = round(float(value), 3)
    return int(value) if value.is_integer() else value


def _talk_time(durations: list[float]) -> dict:
    if not durations:
        return {"total": 0, "mean": 0, "median": 0, "p90": 0}
    ordered, count = sorted(durations), len(durations)
    middle = ordered[(count - 1) // 2 : count // 2 + 1]
    p90 = ordered[-(-9 * count // 10) - 1]  # nearest rank: ceil(0.9 n), 1-based
    total = sum(ordered)
    return {"total": _number(total), "mean": _number(total / count), "median": _number(sum(middle) / len(middle)),
            "p90": _number(p90)}  # fmt: skip


def _expected(path, first: date, last: date) -> dict:
    low = datetime(first.year, first.month, first.day, tzinfo=SEAT)
    high = datetime(last.year, last.month, last.day, tzinfo=SEAT) + timedelta(days=1)
    counts = {name: Counter() for name in ("kind", "concern", "group", "emotion", "age_band", "gender", "region",
                                           "risk", "day", "crisis", "referral")}  # fmt: skip
    by_hour, durations, total = [0] * 24, [], 0
    with open(path, encoding="utf-8") as lines:
        for text in lines:
            call = json.loads(text)
            started = datetime.fromisoformat(call["started_at"])
            if not low <= started < high:
                continue
            total += 1
            seat = started.astimezone(SEAT)
            by_hour[seat.hour] += 1
            counts["day"][seat.date().isoformat()] += 1
            counts["kind"][call["kind"]] += 1
            concerns = call.get("concerns", [])
            counts["concern"].update(concerns)
            counts["group"].update({code.split(".")[0] for code in concerns})
            counts["emotion"].update(call.get("emotions", []))
            for key in ("age_band", "gender", "region"):
                counts[key][call.get("caller", {}).get(key) or "unknown"] += 1
            assessment = call.get("risk")
            if assessment is None:
                level = "not_assessed"
            else:
                level = (assessment.get("override") or {}).get("level") or risk.assess(assessment["answers"]).level
            counts["risk"][level] += 1
            counts["crisis"].update(a["action"] for a in call.get("crisis_actions", []))
            counts["referral"].update(r["kind"] for r in call.get("referrals", []))
            if call.get("ended_at"):
                durations.append((datetime.fromisoformat(call["ended_at"]) - started).total_seconds())
    plain = {name: dict(counter) for name, counter in counts.items()}
    return {
        "calls_total": total,
        "by_kind": plain["kind"],
        "by_concern": plain["concern"],
        "by_concern_group": plain["group"],
        "by_emotion": plain["emotion"],
        "by_age_band": plain["age_band"],
        "by_gender": plain["gender"],
        "by_region": plain["region"],
        "by_risk_level": plain["risk"],
        "by_hour": by_hour,
        "by_day": plain["day"],
        "crisis_actions": plain["crisis"],
        "referrals_by_kind": plain["referral"],
        "talk_time_s": _talk_time(durations),
    }


@pytest.mark.slow
def test_generated_calls_import_and_count_as_the_file_says(session, tmp_path):
    path = tmp_path / "calls.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for call in generate(CALLS, SEED, START, DAYS):
            out.write(json.dumps(call, ensure_ascii=False) + "\n")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    with_mobile = sum("手机号138" in line for line in lines)
    assert len(lines) == CALLS and with_mobile >= CALLS // 60
    assert text == "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in generate(CALLS, SEED, START, DAYS))

    report = import_file(session, path)
    assert report.imported == CALLS and report.skipped_duplicates == 0
    assert report.hidden["mobile"] >= with_mobile and report.hidden_total >= with_mobile
    assert import_file(session, path).imported == 0  # a second import adds nothing

    last = START + timedelta(days=WINDOW_DAYS - 1)
    expected = _expected(path, START, last)
    got = statistics(session.store, START, last)
    assert 0 < expected["calls_total"] < CALLS  # the window leaves the last days out
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key] == value, key
    assert {"not_assessed", "low", "moderate", "high"} <= set(got["by_risk_level"])
    assert got["by_kind"]["counselling"] > 0.6 * got["calls_total"]
    assert sum(got["by_hour"][19:23]) > sum(got["by_hour"][3:7])


@pytest.mark.slow
def test_the_100000_call_file_through_the_commands_counts_as_the_file_says(tmp_path):
    """The issue's own check: `import` of 100,000 generated calls, then `stats` of the first week."""
    from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli

    path, calls, days = tmp_path / "calls.jsonl", 100_000, 60
    with path.open("w", encoding="utf-8") as out:
        for call in generate(calls, SEED, START, days):
            out.write(json.dumps(call, ensure_ascii=False) + "\n")
    home, login = tmp_path / "seat", {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    assert run_cli("init", "--seat", "导入席位", "--admin", ADMIN, home=home, env=login).returncode == 0
    imported = run_cli("import", str(path), home=home, env=login, timeout=600)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 100,000 call(s)" in imported.stdout

    last = START + timedelta(days=WINDOW_DAYS - 1)
    counted = run_cli("stats", "--from", START.isoformat(), "--to", last.isoformat(), home=home, env=login)
    assert counted.returncode == 0, counted.stderr
    got, expected = json.loads(counted.stdout), _expected(path, START, last)
    assert 10_000 < expected["calls_total"] < calls
    assert got == expected
