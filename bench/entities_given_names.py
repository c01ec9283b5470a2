"""Build the list of common English given names the entity recogniser ships.

Run: PYTHONPATH=src:bench python bench/entities_given_names.py
(needs the build-only package `names`, installed by `pip install -e .[gazetteer]`; the
recogniser reads only the file written here).

Writes src/storyline/data/given_names_en.txt: given names, one a line, title case.

Source: the `names` package (MIT), which carries the US Census Bureau's 1990 frequency lists of
first names (a work of the US government, in the public domain). Only the most common names are
kept. Some are ordinary words too ("Will", "May", "Grant"); the rules read the list only as the
first of two or three capitalised words inside Chinese text (see ner_en), where such words are
rare.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "given_names_en.txt"
# The census lists give each name's share of people, in per cent. Names above this share cover
# 87% of men and 81% of women in the 1990 census, 1,555 names in all; below it the lists fill
# with rare spellings and with words (Golden, Royal) that would read ordinary capitals as names.
MIN_SHARE_PERCENT = 0.01
FILES = ("dist.male.first", "dist.female.first")


def given_names() -> list[str]:
    spec = importlib.util.find_spec("names")
    if spec is None or spec.origin is None:
        raise SystemExit("install the build-only package: pip install -e .[gazetteer]")
    folder = Path(spec.origin).parent
    out: set[str] = set()
    for name in FILES:
        for line in (folder / name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= MIN_SHARE_PERCENT:
                out.add(parts[0].title())
    return sorted(out)


def main() -> None:
    names = given_names()
    header = (
        "# Common English given names, from the US Census Bureau's 1990 first-name lists\n"
        "# (public domain), as shipped by the `names` package (MIT).\n"
        f"# Built by bench/entities_given_names.py; names above {MIN_SHARE_PERCENT}% of people.\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {OUT}")


if __name__ == "__main__":
    main()
