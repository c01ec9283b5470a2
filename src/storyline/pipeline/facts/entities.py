"""Entity mentions: people, organisations, places and products named in an article's text.

`extract_entities(text)` returns mentions whose offsets index `text` as given, in whatever script.
Names are found on a Simplified, half-width copy of the same length (see `normalize`), from
four sources, strongest first: organisation and place compounds, listed aliases (curated and
learned), rules (transliterated names, titles and speech verbs, capitalised English runs) and
segmenter tags. Every mention carries its entity's canonical name, so 馬斯克, 埃隆·马斯克 and
Elon Musk resolve to one entity.
"""

from __future__ import annotations

from storyline.pipeline.facts.aliases import AliasTable, name_key, office_titles
from storyline.pipeline.facts.backrefs import back_references
from storyline.pipeline.facts.candidates import Candidate, settle
from storyline.pipeline.facts.learn import LearnedAlias, learn_from
from storyline.pipeline.facts.ner_en import candidates as latin_candidates
from storyline.pipeline.facts.ner_zh import candidates as zh_candidates
from storyline.pipeline.facts.normalize import simplified
from storyline.pipeline.facts.rules import load_rules
from storyline.pipeline.facts.zh_orgs import tagged_orgs
from storyline.pipeline.facts.zh_units import accept_listed, listed_names, tokens, units
from storyline.records import Mention

__all__ = ["AliasTable", "LearnedAlias", "extract_entities", "learn_aliases"]


def _recognise(norm: str, aliases: AliasTable) -> list[Candidate]:
    rules = load_rules()
    toks = tokens(norm)
    matched = office_titles(norm, aliases.find(norm), aliases)
    listed = accept_listed(listed_names(matched, toks, rules.zh), toks, rules.zh)
    orgs = tagged_orgs(toks, rules.zh)  # read before `units` takes the tokens over
    found = listed + orgs + zh_candidates(norm, units(toks, settle(listed)), rules.zh)
    found += latin_candidates(norm, rules.en)
    kept: list[Candidate] = settle(found)
    return kept


def learn_aliases(text: str, aliases: AliasTable | None = None) -> list[LearnedAlias]:
    """Aliases an outlet states in the text: `萨姆·奥尔特曼（Sam Altman）`, `欧盟（EU）`.

    Names are returned in normalized (Simplified) form; pass them to `AliasTable.with_learned`
    to carry them to later documents.
    """
    table = aliases or AliasTable.default()
    norm = simplified(text)
    learned: list[LearnedAlias] = learn_from(norm, _recognise(norm, table), table)
    return learned


def extract_entities(text: str, aliases: AliasTable | None = None) -> list[Mention]:
    """Mentions in `text`, with `text[m.start:m.end] == m.text` and a canonical entity name."""
    if not text.strip():
        return []
    table = aliases or AliasTable.default()
    norm = simplified(text)
    found = _recognise(norm, table)
    learned = learn_from(norm, found, table)
    if learned:
        table = table.with_learned(learned)
        found = _recognise(norm, table)
    entities = {c: c.entity or table.resolve(norm[c.start : c.end], c.kind) for c in found}
    found, entities = back_references(norm, found, entities)
    return [
        Mention(c.start, c.end, text[c.start : c.end], c.kind, name_key(entities[c])) for c in found
    ]
