"""Explanations and "what would close it" in the interface language (issue #18 item 2), written from an
answer's codes (statuses, conditions, gap codes, closed lists), never from the engine's English prose.

The engine's `explanation` stays the contract's English text for the API; pages in another language
write theirs here. Templates per language: English and French now, more by adding a table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kb.iri import article_label

STATUS = {
    "en": {
        "available": "available",
        "available_with_conditions": "available with conditions",
        "unknown": "unknown",
        "not_available": "not available",
    },
    "fr": {
        "available": "disponible",
        "available_with_conditions": "disponible sous conditions",
        "unknown": "inconnu",
        "not_available": "non disponible",
    },
}
GAP = {
    "en": {
        "not_party": "{state} is not a party",
        "not_in_force": "not in force for both states",
        "reservation_excludes": "a reservation excludes it",
        "territory_excluded": "the territory is excluded",
        "objection_opposes_entry_into_force": "an objection opposes its entry into force between the two",
        "outside_scope": "the offence is outside its scope",
        "denounced": "denounced",
    },
    "fr": {
        "not_party": "{state} n'est pas partie",
        "not_in_force": "pas en vigueur pour les deux États",
        "reservation_excludes": "une réserve l'exclut",
        "territory_excluded": "le territoire est exclu",
        "objection_opposes_entry_into_force": "une objection s'oppose à son entrée en vigueur entre les deux",
        "outside_scope": "l'infraction est hors de son champ",
        "denounced": "dénoncé",
    },
}
CLOSING = {
    "en": {
        "not_party": "both states being parties to the {treaty}",
        "not_in_force": "the {treaty} entering into force for both states",
        "reservation_excludes": "withdrawal of the excluding reservation ({statement})",
        "territory_excluded": "extension of the {treaty} to {territory}",
        "outside_scope": "an offence within the scope of the {treaty}",
        "denounced": "re-accession to the {treaty}",
        "objection_opposes_entry_into_force": "withdrawal of the objection that opposes entry into force",
    },
    "fr": {
        "not_party": "que les deux États soient parties au {treaty}",
        "not_in_force": "l'entrée en vigueur du {treaty} pour les deux États",
        "reservation_excludes": "le retrait de la réserve qui l'exclut ({statement})",
        "territory_excluded": "l'extension du {treaty} à {territory}",
        "outside_scope": "une infraction entrant dans le champ du {treaty}",
        "denounced": "une nouvelle adhésion au {treaty}",
        "objection_opposes_entry_into_force": "le retrait de l'objection qui s'oppose à l'entrée en vigueur",
    },
}
TEXT = {
    "en": {
        "question": "Can {a} ask {b} for {mechanism} on {date}? {status}.",
        "basis": "Under the {treaty}, art. {art}: {status} ({conditions}).",
        "no_condition": "no listed condition",
        "gap": "Not through the {treaty}: {why}",
        "as_of": " (closed list of {date})",
        "none": "No treaty in the knowledge base provides this mechanism.",
        "fallback_only": "No treaty between the two provides this mechanism itself: an ordinary mutual legal "
        "assistance request is the way.",
        "evidence": "Weakest evidence used: {grade}.",
        "the_territory": "the territory",
    },
    "fr": {
        "question": "{a} peut-il demander à {b} : {mechanism}, le {date} ? {status}.",
        "basis": "En vertu du {treaty}, art. {art} : {status} ({conditions}).",
        "no_condition": "aucune condition répertoriée",
        "gap": "Pas par le {treaty} : {why}",
        "as_of": " (liste close du {date})",
        "none": "Aucun traité de la base de connaissances ne prévoit ce mécanisme.",
        "fallback_only": "Aucun traité entre les deux ne prévoit ce mécanisme lui-même : la voie est une demande "
        "ordinaire d'entraide judiciaire.",
        "evidence": "Preuve la plus faible utilisée : {grade}.",
        "the_territory": "le territoire",
    },
}
GRADE = {
    "en": {"depositary": "depositary", "official": "official", "mirror": "mirror", "secondary": "secondary"},
    "fr": {"depositary": "dépositaire", "official": "officielle", "mirror": "miroir", "secondary": "secondaire"},
}


def explain(
    answer: dict[str, Any],
    lang: str,
    names: Callable[[str], str],
    treaty: Callable[[str], str],
    mechanism: str,
    condition: Callable[[str], str],
) -> str:
    """The answer in words in `lang` (en, fr): the question, each basis with its conditions, each gap
    with its closed list, the weakest evidence. `names`, `treaty` and `condition` give the localised
    names of states, treaties and condition codes; `mechanism` is the localised mechanism label."""
    t = TEXT.get(lang, TEXT["en"])
    q = answer["question"]
    parts = [
        t["question"].format(
            a=names(q["from"]),
            b=names(q["to"]),
            mechanism=f"{mechanism} ({q['mechanism']})",
            date=q["date"],
            status=STATUS[lang][answer["status"]].capitalize(),
        )
    ]
    if answer["bases"] and answer.get("best_basis") == "fallback_general":
        parts.append(t["fallback_only"])
    for b in answer["bases"]:
        conds = ", ".join(condition(c["code"]) for c in b["conditions"]) or t["no_condition"]
        parts.append(
            t["basis"].format(
                treaty=treaty(b["treaty"]),
                art=article_label(b["provision"]),
                status=STATUS[lang][b["status"]],
                conditions=conds,
            )
        )
    for g in answer["gaps"]:
        why = GAP[lang][g["code"]].format(state=names(g.get("state") or q["to"]))
        if g.get("as_of"):
            why += t["as_of"].format(date=g["as_of"])
        parts.append(t["gap"].format(treaty=treaty(g["treaty"]), why=why) + ".")
    if not answer["bases"] and not answer["gaps"]:
        parts.append(t["none"])
    if answer.get("evidence"):
        parts.append(t["evidence"].format(grade=GRADE[lang][answer["evidence"]]))
    return " ".join(parts)


def closing(gap: dict[str, Any], lang: str, treaty: str, territory: str | None) -> str:
    """What would close one gap, in words."""
    template = CLOSING.get(lang, CLOSING["en"]).get(gap["code"], "—")
    t = TEXT.get(lang, TEXT["en"])
    return template.format(
        treaty=treaty, statement=gap.get("statement") or "", territory=territory or t["the_territory"]
    )
