"""Precision and recall of the intake-form check on the labelled questions in benchmarks/forms/*.tsv.

A question is a positive when it is labelled `status` or `proxy`; the check is right on it when it reports a
finding. Category accuracy: of the positives found, how many got the right category. Misses and false alarms
are listed, so the numbers in benchmarks/README.md can be checked question by question.

usage: python benchmarks/forms_bench.py [--errors]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from sanctuary.forms.detect import classify

HERE = Path(__file__).resolve().parent / "forms"


def load(folder: Path) -> list[tuple[str, str, str]]:
    rows = []
    for path in sorted(folder.glob("questions_*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            lang, label, question = line.split("\t")
            if label not in ("status", "proxy", "none"):
                raise SystemExit(f"{path.name}:{number}: label {label!r} is not status, proxy or none")
            rows.append((lang, label, question))
    return rows


def main() -> None:
    for title, folder in (("Development set (the vocabularies were tuned on it)", HERE),
                          ("Held-out set (written after the vocabularies were frozen; never tuned on)",
                           HERE / "heldout")):
        print(f"\n### {title}\n")
        measure(load(folder))


def measure(rows: list[tuple[str, str, str]]) -> None:
    if not rows:
        print("(no questions)")
        return
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors = []
    started = time.perf_counter()
    for lang, label, question in rows:
        hit = classify(question)
        got = hit.concept.category if hit else "none"
        s = stats[lang]
        s["n"] += 1
        s[label] += 1
        if label != "none" and got != "none":
            s["tp"] += 1
            s["category_ok"] += got == label
            if got != label:
                errors.append((lang, "category", label, got, question))
        elif label == "none" and got != "none":
            s["fp"] += 1
            errors.append((lang, "false alarm", label, got, question))
        elif label != "none":
            s["fn"] += 1
            errors.append((lang, "missed", label, got, question))
    elapsed = time.perf_counter() - started
    print("| language | questions | status / proxy / none | precision | recall | category right |")
    print("|---|---|---|---|---|---|")
    total: dict[str, int] = defaultdict(int)
    for lang in ("en", "es", "fr"):
        s = stats[lang]
        if not s["n"]:
            continue
        for k, v in s.items():
            total[k] += v
        _line(lang, s)
    _line("all", total)
    print(f"\n{len(rows)} questions classified in {elapsed * 1000:.0f} ms "
          f"({elapsed / len(rows) * 1e6:.0f} µs a question)")
    if "--errors" in sys.argv:
        for lang, what, label, got, question in errors:
            print(f"{lang}\t{what}\tlabel={label}\tgot={got}\t{question}")


def _line(lang: str, s: dict[str, int]) -> None:
    precision = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    recall = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    category = s["category_ok"] / s["tp"] if s["tp"] else 1.0
    print(f"| {lang} | {s['n']} | {s['status']} / {s['proxy']} / {s['none']} | {precision:.3f} ({s['fp']} false "
          f"alarms) | {recall:.3f} ({s['fn']} missed) | {category:.3f} |")


if __name__ == "__main__":
    main()
