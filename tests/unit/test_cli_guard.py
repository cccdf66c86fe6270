"""The CLI's one guard: messages (exit 2) for every mentorkit error and far-off date, a short
bug line with a log for anything else, and nothing printed raw that could drive a terminal."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from mentorkit.cli import cohort as cli_cohort
from mentorkit.cli import main
from mentorkit.cli.text import json_text, printable
from mentorkit.errors import InputError

ESC = "\x1b]0;pwned\x07\x1b[2J"


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_unexpected_exception_is_a_short_bug_line_with_a_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken(args: argparse.Namespace) -> int:
        raise KeyError("deep inside" + ESC)

    monkeypatch.setattr(cli_cohort, "_summarize", broken)
    assert main(["cohort", "summarize", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mentorkit: this is a bug in mentorkit, please report it (KeyError: ")
    assert "Traceback" not in err and "\x1b" not in err
    logs = list((tmp_path / "mentorkit-logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text


def test_a_mentorkit_error_with_control_characters_is_printed_harmless(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refuse(args: argparse.Namespace) -> int:
        raise InputError(f"line 2: {ESC} and a lone \udcff\nline 3: next")

    monkeypatch.setattr(cli_cohort, "_summarize", refuse)
    assert main(["cohort", "summarize", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "mentorkit: line 2: \\x1b]0;pwned\\x07\\x1b[2J and a lone \\udcff\nline 3: next\n"
    )


def test_cohort_run_prints_names_and_errors_sanitized(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        [
            {
                "participant_id": "p01",
                "name": "Ann" + ESC,
                "status": "failed",
                "seconds": 0.1,
                "error": "ValueError: " + ESC + "\u202eevil",
                "cell": None,
                "folder": "",
            }
        ]
    )
    monkeypatch.setattr(cli_cohort.runner, "run", lambda *a, **k: frame)
    assert main(["cohort", "run", "roster.csv", "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "ValueError: \\x1b]0;pwned" in out and "\\u202eevil" in out


def test_cohort_summarize_prints_names_sanitized(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "p01").mkdir(parents=True)
    (out / "p01" / "report.ipynb").write_text("{}")
    summary = {
        "summary_version": 1,
        "participant_id": "p01",
        "name": "Ann" + ESC + "\x9b31m",
        "today": "2026-11-23",
        "goals": [],
    }
    (out / "p01" / "summary.json").write_text(json.dumps(summary))
    code = main(["cohort", "summarize", str(out)])
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err  # what the schema accepts is the store's business
    shown = captured.out + captured.err
    assert "\x1b" not in shown and "\x9b" not in shown and "Traceback" not in shown


def test_far_future_dates_are_messages_not_overflows(
    sample_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(sample_workbook.read_text(encoding="utf-8"))
    goal, contact = data["goals"][0]["id"], data["contacts"][1]["id"]
    before = sample_workbook.read_bytes()
    for argv in (
        ["ask", str(sample_workbook), "--goal", goal, "--contact", contact,
         "--start", "9999-12-31"],
        ["ask", str(sample_workbook), "--goal", goal, "--contact", contact,
         "--today", "9999-12-31"],
        ["progress", str(sample_workbook), "--today", "9999-12-31"],
        ["goals", str(sample_workbook), "--today", "0001-01-01"],
    ):  # fmt: skip
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "too far in the past or future" in err and "Traceback" not in err
    assert sample_workbook.read_bytes() == before


def test_a_workbook_dated_at_the_end_of_time_gives_a_message(
    sample_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(sample_workbook.read_text(encoding="utf-8"))
    data["mentorships"][0]["start"] = "9999-12-20"
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    folder = sample_workbook.parent
    before = _fingerprint(folder)
    for command in ("progress", "goals", "network"):
        code = main([command, str(sample_workbook)])
        err = capsys.readouterr().err
        assert code in (0, 2), (command, err)  # refused on load, or computed safely
        assert "Traceback" not in err and "this is a bug" not in err, (command, err)
    assert _fingerprint(folder) == before


def test_printable_and_json_text_escape_what_a_terminal_would_act_on() -> None:
    hostile = "a\x1b[31mb\x9bc\u202ed\udcffe\tf"
    assert printable(hostile) == "a\\x1b[31mb\\x9bc\\u202ed\\udcffe f"
    shown = json_text({"k" + "\udcff": hostile})
    assert json.loads(shown) == {"k\udcff": hostile}  # still the same JSON
    assert all(ch not in shown for ch in "\x1b\x9b\u202e\udcff")


def test_every_character_a_terminal_acts_on_is_escaped_and_printable_text_is_kept() -> None:
    acted_on = {
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),  # C0 (but tab and newline), DEL and C1 controls
        *range(0xD800, 0xE000),  # lone surrogates
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),  # bidirectional overrides and isolates
    }
    for code in range(0x110000):
        ch = chr(code)
        shown = printable(f"a{ch}b", keep_newlines=True)
        if code in acted_on:
            escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
            assert shown == f"a{escape}b", hex(code)
        elif ch.isprintable():
            assert shown == f"a{ch}b", hex(code)
