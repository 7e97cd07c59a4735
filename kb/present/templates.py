"""The words of the answers, one table per interface language (issue #18 item 2).

Each table has the same keys with the same placeholders (a test checks it). A new language is a new
table. The English table writes the contract's English text; its sentences are what the API and the
CLI have always answered, and tests and worked cases cite them.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # trace steps
    "question": "{state} asks {partner} for {mechanism} on {on}",
    "question_offence": ", offence {offence}",
    "question_no_offence": ", offence not given",
    "question_territory": ", territory {territory}",
    "candidates": "treaties providing the mechanism: {items}",
    "none_listed": "none",
    "not_providing": "treaties whose read articles do not provide {mechanism}: {treaties}",
    "treaty_mechanisms": "{slug} ({mechanisms})",
    "relation_replaced": "{a} and {b} are both bound by the {later}, which ends the {earlier} between its parties "
    "(VCLT art. 30(4)(a))",
    "relation_unknown_one": "the {earlier} applies between {a} and {b} unless the {later} binds both and replaces it: "
    "whether {who} is bound by the {later} is unknown",
    "relation_unknown_both": "the {earlier} applies between {a} and {b} unless the {later} binds both and replaces "
    "it: whether {who} are bound by the {later} is unknown",
    "relation_applies": "the {earlier} still applies between {a} and {b}: {state} is not bound by the {later} on {on} "
    "(VCLT art. 30(4)(b))",
    "unread_treaty": "{treaty}: its cooperation articles are not yet read into the knowledge base, so whether it "
    "provides {mechanism} is not known ({state}: {status}, {partner}: {other}; see its gaps file)",
    "not_in_force_on": "not in force on {on}: {when}",
    "entered_into_force": "entered into force on {date}",
    "never_in_force": "is not in force",
    "reio": "{state} is a REIO",
    "standing": "{state}: {status}{eif}{why}{rests}",
    "standing_why": " ({why})",
    "standing_rests": "; {closed_list}",
    "eif_no_later_than": " (in force for it on {date} at the latest: derived from its signature of a treaty open "
    "only to the parties of this one; exact date unknown, unverified)",
    "eif_no_later_than_bound": " (in force for it on {date} at the latest: derived by the treaty's rule from a "
    "source naming it bound by a date; exact date unknown)",
    "eif_since": " (in force for it since {date})",
    "eif_derived": " (in force for it since {date}, derived by the treaty's rule)",
    "no_treaty_relation": "no treaty relation: objection {statement}",
    "no_opposing_objection": "no objection opposing entry into force between the two",
    "territory": "{coverage}",
    "offence_outside_gate": "{provision}: offence '{offence}' outside {gate}{why}",
    "provides": "{provision} provides {mechanism} ({strength}, {link_type})",
    "statement_step": "{statement} ({kind}): {what}",
    "national_law": "{statement} ({law}): {rule}",
    "aggregate": "overall {status} from {count} basis/bases and {gaps} gap(s)",
    "overall_available": "available",
    "overall_available_with_conditions": "available_with_conditions",
    "overall_unknown": "unknown",
    "overall_not_available": "not_available",
    # notes
    "participation_unknown": "whether {state} is bound by the {treaty} on {on} is unknown: {why}",
    "participation_not_known": "its participation on this date is not known",
    "objection_below_grade": "objection {statement} opposes the treaty's entry into force between the two, but it "
    "is known only from a {grade} source, below the minimum grade asked for",
    "territory_unknown": "{slug}: {coverage}",
    "procedure_governs": "{treaties} binds both states: its procedure governs the request in place of {provision}, "
    "which applies only absent such a treaty",
    "scope_may": "{provision}, scope for a '{offence}' offence: {why}",
    "interpretative_note": "{statement}: {summary}",
    "interpretative_declaration": "interpretative declaration",
    "designated_authority": "{statement}: designated authority: {authority}",
    "conditional_interpretative": "{statement}: conditional interpretative declaration, treated as a reservation "
    "(flagged for review)",
    "outside_closed_list": "{statement}: outside the closed list of reservations; if invalid the provision applies "
    "in full (ILC Guide 4.5.3), if valid it applies as reserved (MR-11)",
    "nationals_not_extradited": "{state} does not extradite its own nationals ({law}){exception}; if the person is "
    "one, the obligation to submit the case for prosecution instead (EXT-ADJ) applies: {instead}",
    "prosecute_instead": "{treaty} art. {articles}",
    "no_prosecute_instead": "no prosecute-instead article of this treaty",
    "except": " (except {what})",
    "extradition_treaty_required": "{state} extradites only under a treaty of extradition ({law}){exception}; it "
    "has not declared that it takes the {treaty} as that basis, and the knowledge base holds no extradition treaty "
    "between {partner} and {state}: whether one is in force is unknown",
    # gap reasons
    "treaty_not_in_force": "{treaty} {when}",
    "reio_outside": "{state} is a regional economic integration organisation: its participation does not make its "
    "member states parties, and state-to-state cooperation between EU members is mostly governed by EU law, "
    "outside this knowledge base (MR-15)",
    "denounced": "{state} denounced the {treaty}",
    "consented_not_in_force": "{state} has consented to the {treaty} but it is not yet in force for it; only the "
    "duty not to defeat its object and purpose applies (VCLT art. 18)",
    "signatory_only": "{state} has only signed the {treaty}: no cooperation obligation, only the duty not to defeat "
    "its object and purpose (VCLT art. 18){rests}",
    "not_a_party": "{state} is not a party to the {treaty}{rests}",
    "rests_on": " ({why})",
    "cannot_join": "it could not have joined: the treaty is open only to the parties of another, and it is not "
    "bound by that one",
    "objection_opposes": "{state} objected to {statement} and opposed the treaty's entry into force between the two "
    "(VCLT art. 20(4)(b))",
    "territory_excluded": "{coverage}",
    "offence_outside_scope": "a '{offence}' offence is outside the scope of {provision}{why}",
    "scope_why": ": {why}",
    "reservation_excludes": "{statement}: {what}",
    # closed lists (contract 5a)
    "closed_list_parties": "a treaty between {listed} only ({source})",
    "closed_list_table": "absent from the complete list of signatories and contracting states of {date} ({source})",
    "closed_list_count": "the depositary counted {parties} parties on {date} and all {parties} are identified "
    "({source})",
    "and": " and ",
    # territorial coverage
    "cover_in_force_for": "in force for {territory} from {date}",
    "cover_extended": "extended to {territory} (declaration of {date})",
    "cover_excluded_from": "{territory} excluded from {date}",
    "cover_statement": "{statement}: {text}",
    "cover_metropolitan": "{statement}: {text}",
    "metropolitan_part_only": "metropolitan part only",
    "cover_decided": "{change}{former}",
    "cover_not_yet": "{territory}{former} not yet covered on {on}; would be from {since}: {change}",
    "cover_metropolitan_only": "{territory}{former} not covered: {change}; no extension to it is recorded",
    "cover_partial_unknown": "no territorial record for {territory}{former} in this treaty, and {state} is known to "
    "ratify treaties for parts of its territory: whether the treaty applies there is unknown (no VCLT art. 29 "
    "default)",
    "cover_entire": "no territorial record for {territory}: the treaty binds {state} for its entire territory "
    "(VCLT 29)",
    "former_antilles": " (part of the Netherlands Antilles until {date})",
    # notes on a standing
    "note_consent_derived_by_rule": "consented on {date} at the latest: derived by the treaty's rule from its entry "
    "into force, which a source states; the date and kind of its instrument are not known",
    "note_named_contracting": "a contracting state on {date} by a source of that date that names it; the date and "
    "kind of its consent are not known, and entry into force is known only as a latest date",
    "note_in_force_by_parent": "in force for it on {date} at the latest, exact date unknown: derived by rule from its "
    "participation in a treaty open only to parties of this one (not read in a depositary record)",
    "note_named_later": "a source of {date} names it ({kind} by that date at the latest); the exact date is not known",
    "note_unidentified": "the knowledge base knows {identified} of the {parties} parties the depositary counted on "
    "{date}; {unidentified} joined {since} and are not yet sourced",
    "unidentified_after": "after {date}",
    "unidentified_unsettled": "at dates no closed list settles",
    "note_no_list": "no complete participant list or count settles this date",
    "note_no_obligation_yet": "no cooperation obligation yet; only the duty not to defeat the treaty's object and "
    "purpose (VCLT art. 18)",
    # what one statement does to one basis
    "below_minimum_grade": "a restriction known only from a {grade} source, below the minimum grade {floor}: "
    "whether it applies is not settled",
    "no_effect_here": "no effect on this request",
    "not_used_as_basis": "{state} will not use the treaty as legal basis for extradition",
    "not_used_as_basis_treaty_binds": "{state} will not use the treaty as legal basis for extradition, but {treaties} "
    "binds both states: extradition proceeds under it, with this treaty's offences deemed included",
    "used_as_basis": "{state} uses the treaty as legal basis for extradition",
    "interpretative_only": "interpretative declaration: a note, no effect on availability (MR-8)",
    "without_effect": "notification or statement without effect on availability",
    "requesting_state_only": "statement of the requesting state: no effect on the requested state",
    "not_as_requested": "does not constrain its author as requested state",
    "presumptively_impermissible": "presumptively impermissible reservation: both readings possible",
    "carve_out_applies": "does not apply to {offence} offences",
    "carve_out_unless": "applies unless the offence is a {offence} offence",
    "excludes": "reservation {who} excludes {provisions}",
    "adds_conditions": "{kind} {who} adds conditions",
    "by_reciprocity": "by reciprocity (VCLT art. 21(1)(b))",
    "of_requested": "of the requested state",
    # the explanation
    "explain_question": "Can {a} ask {b} for {mechanism} ({notation}) on {on}? {status}.",
    "explain_fallback": "No treaty binding {a} and {b} in the knowledge base provides {mechanism} ({notation}) "
    "itself on {on}: an ordinary mutual legal assistance request under a general assistance article is the way "
    "({status}).",
    "explain_not_held": "The knowledge base does not yet hold {families}.",
    "family_bilateral": "any bilateral treaty between {a} and {b} (mutual legal assistance, extradition)",
    "family_cis-": "the CIS instruments (Minsk 1993, Chisinau 2002)",
    "family_sco-": "the SCO instruments",
    "family_las-": "the Arab Convention on Combating IT Offences",
    "family_au-": "the African Union Malabo Convention",
    "explain_basis": "Under the {treaty}, art. {article} {binds}: {status} ({conditions}).",
    "binds_both": "binds both states",
    "may_bind_both": "may bind both states, but whether both are bound is unknown",
    "no_condition": "no listed condition",
    "explain_gap": "Not through {slug}: {why}.",
    "explain_none": "No treaty in the knowledge base provides this mechanism.",
    "list_separator": ", ",
    "notice": "analysis of treaty texts and depositary records, not legal advice",
    # what would close a gap
    "close_not_party": "both states being parties to the {treaty}",
    "close_not_in_force": "the {treaty} entering into force for both states",
    "close_reservation_excludes": "withdrawal of the excluding reservation ({statement})",
    "close_territory_excluded": "extension of the {treaty} to {territory}",
    "close_outside_scope": "an offence within the scope of the {treaty}",
    "close_denounced": "re-accession to the {treaty}",
    "close_objection_opposes_entry_into_force": "withdrawal of the objection that opposes entry into force",
    "the_territory": "the territory",
    "close_any_not_party": "both states being parties to the treaty",
    "close_any_not_in_force": "the treaty entering into force for both states",
    "close_any_reservation_excludes": "withdrawal of the excluding reservation",
    "close_any_territory_excluded": "extension of the treaty to the territory",
    "close_any_outside_scope": "an offence within the scope of the treaty",
    "close_any_denounced": "re-accession to the treaty",
    "close_any_objection_opposes_entry_into_force": "withdrawal of the objection that opposes entry into force",
    # statuses
    "status_available": "available",
    "status_available_with_conditions": "available with conditions",
    "status_unknown": "unknown",
    "status_not_available": "not available",
    "party_status_party": "party",
    "party_status_consented_not_in_force": "consented_not_in_force",
    "party_status_denunciation_pending": "denunciation_pending",
    "party_status_signatory": "signatory",
    "party_status_denounced": "denounced",
    "party_status_not_participating": "not_participating",
    "party_status_unknown": "unknown",
    "grade_depositary": "depositary",
    "grade_official": "official",
    "grade_mirror": "mirror",
    "grade_secondary": "secondary",
}

FR: dict[str, str] = {
    "question": "{state} demande à {partner} : {mechanism}, le {on}",
    "question_offence": ", infraction {offence}",
    "question_no_offence": ", infraction non précisée",
    "question_territory": ", territoire {territory}",
    "candidates": "traités qui prévoient le mécanisme : {items}",
    "none_listed": "aucun",
    "not_providing": "traités dont les articles lus ne prévoient pas {mechanism} : {treaties}",
    "treaty_mechanisms": "{slug} ({mechanisms})",
    "relation_replaced": "{a} et {b} sont tous deux liés par « {later} », qui met fin à « {earlier} » entre ses "
    "parties (CVDT art. 30(4)(a))",
    "relation_unknown_one": "« {earlier} » s'applique entre {a} et {b}, sauf si « {later} » les lie tous deux et le "
    "remplace : on ne sait pas si {who} est lié par « {later} »",
    "relation_unknown_both": "« {earlier} » s'applique entre {a} et {b}, sauf si « {later} » les lie tous deux et "
    "le remplace : on ne sait pas si {who} sont liés par « {later} »",
    "relation_applies": "« {earlier} » s'applique toujours entre {a} et {b} : {state} n'est pas lié par « {later} » "
    "le {on} (CVDT art. 30(4)(b))",
    "unread_treaty": "« {treaty} » : ses articles de coopération ne sont pas encore saisis dans la base de "
    "connaissances ; on ne sait donc pas s'il prévoit {mechanism} ({state} : {status}, {partner} : {other} ; voir "
    "son fichier des lacunes)",
    "not_in_force_on": "pas en vigueur le {on} : le traité {when}",
    "entered_into_force": "est entré en vigueur le {date}",
    "never_in_force": "n'est pas en vigueur",
    "reio": "{state} est une organisation régionale d'intégration économique",
    "standing": "{state} : {status}{eif}{why}{rests}",
    "standing_why": " ({why})",
    "standing_rests": " ; {closed_list}",
    "eif_no_later_than": " (en vigueur à son égard le {date} au plus tard : déduit de sa signature d'un traité "
    "ouvert aux seules parties de celui-ci ; date exacte inconnue, non vérifiée)",
    "eif_no_later_than_bound": " (en vigueur à son égard le {date} au plus tard : déduit, selon la règle du traité, "
    "d'une source qui le dit lié à une date ; date exacte inconnue)",
    "eif_since": " (en vigueur à son égard depuis le {date})",
    "eif_derived": " (en vigueur à son égard depuis le {date}, date déduite de la règle du traité)",
    "no_treaty_relation": "pas de relation conventionnelle : objection {statement}",
    "no_opposing_objection": "aucune objection ne s'oppose à l'entrée en vigueur entre les deux",
    "territory": "{coverage}",
    "offence_outside_gate": "{provision} : infraction « {offence} » hors de {gate}{why}",
    "provides": "{provision} prévoit {mechanism} ({strength}, {link_type})",
    "statement_step": "{statement} ({kind}) : {what}",
    "national_law": "{statement} ({law}) : {rule}",
    "aggregate": "au total {status}, d'après {count} base(s) et {gaps} lacune(s)",
    "overall_available": "disponible",
    "overall_available_with_conditions": "disponible sous conditions",
    "overall_unknown": "inconnu",
    "overall_not_available": "non disponible",
    "participation_unknown": "on ne sait pas si {state} est lié par « {treaty} » le {on} : {why}",
    "participation_not_known": "sa participation à cette date n'est pas connue",
    "objection_below_grade": "l'objection {statement} s'oppose à l'entrée en vigueur du traité entre les deux, "
    "mais elle n'est connue que par une source de niveau {grade}, inférieur au niveau minimal demandé",
    "territory_unknown": "{slug} : {coverage}",
    "procedure_governs": "« {treaties} » lie les deux États : sa procédure régit la demande à la place de "
    "{provision}, qui ne s'applique qu'en l'absence d'un tel traité",
    "scope_may": "{provision}, champ d'application pour une infraction « {offence} » : {why}",
    "interpretative_note": "{statement} : {summary}",
    "interpretative_declaration": "déclaration interprétative",
    "designated_authority": "{statement} : autorité désignée : {authority}",
    "conditional_interpretative": "{statement} : déclaration interprétative conditionnelle, traitée comme une "
    "réserve (à examiner)",
    "outside_closed_list": "{statement} : hors de la liste fermée des réserves ; si elle n'est pas valide, la "
    "disposition s'applique entièrement (Guide de la CDI 4.5.3), si elle l'est, elle s'applique telle que réservée "
    "(MR-11)",
    "nationals_not_extradited": "{state} n'extrade pas ses propres ressortissants ({law}){exception} ; si la "
    "personne en est un, l'obligation de soumettre l'affaire aux poursuites à la place (EXT-ADJ) s'applique : "
    "{instead}",
    "prosecute_instead": "« {treaty} », art. {articles}",
    "no_prosecute_instead": "aucun article de ce traité n'impose de poursuivre à la place",
    "except": " (sauf {what})",
    "extradition_treaty_required": "{state} n'extrade qu'en vertu d'un traité d'extradition ({law}){exception} ; "
    "il n'a pas déclaré prendre « {treaty} » pour base à cet effet, et la base de connaissances ne contient aucun "
    "traité d'extradition entre {partner} et {state} : on ne sait pas si un tel traité est en vigueur",
    "treaty_not_in_force": "« {treaty} » {when}",
    "reio_outside": "{state} est une organisation régionale d'intégration économique : sa participation ne rend pas "
    "ses États membres parties, et la coopération entre États membres de l'UE relève surtout du droit de l'UE, hors "
    "de cette base de connaissances (MR-15)",
    "denounced": "{state} a dénoncé « {treaty} »",
    "consented_not_in_force": "{state} a consenti à être lié par « {treaty} », mais le traité n'est pas encore en "
    "vigueur à son égard ; seule s'applique l'obligation de ne pas priver le traité de son objet et de son but "
    "(CVDT art. 18)",
    "signatory_only": "{state} a seulement signé « {treaty} » : aucune obligation de coopération, seulement celle "
    "de ne pas priver le traité de son objet et de son but (CVDT art. 18){rests}",
    "not_a_party": "{state} n'est pas partie à « {treaty} »{rests}",
    "rests_on": " ({why})",
    "cannot_join": "adhésion impossible : le traité n'est ouvert qu'aux parties d'un autre traité, qui ne lie pas "
    "cet État",
    "objection_opposes": "{state} a formulé une objection à {statement} et s'est opposé à l'entrée en vigueur du "
    "traité entre les deux (CVDT art. 20(4)(b))",
    "territory_excluded": "{coverage}",
    "offence_outside_scope": "une infraction « {offence} » est hors du champ d'application de {provision}{why}",
    "scope_why": " : {why}",
    "reservation_excludes": "{statement} : {what}",
    "closed_list_parties": "traité entre {listed} seulement ({source})",
    "closed_list_table": "liste close du {date} : absent de la liste complète des signataires et des États "
    "contractants ({source})",
    "closed_list_count": "liste close du {date} : le dépositaire a compté {parties} parties, toutes identifiées "
    "({source})",
    "and": " et ",
    "cover_in_force_for": "en vigueur pour {territory} depuis le {date}",
    "cover_extended": "étendu à {territory} (déclaration du {date})",
    "cover_excluded_from": "{territory} exclu depuis le {date}",
    "cover_statement": "{statement} : {text}",
    "cover_metropolitan": "{statement} : {text}",
    "metropolitan_part_only": "partie métropolitaine seulement",
    "cover_decided": "{change}{former}",
    "cover_not_yet": "{territory}{former} pas encore couvert le {on} ; le serait à partir du {since} : {change}",
    "cover_metropolitan_only": "{territory}{former} non couvert : {change} ; aucune extension n'y est enregistrée",
    "cover_partial_unknown": "aucun acte territorial pour {territory}{former} dans ce traité, et {state} ratifie "
    "des traités pour une partie de son territoire : on ne sait pas si le traité s'y applique (pas de règle par "
    "défaut de l'art. 29 de la CVDT)",
    "cover_entire": "aucun acte territorial pour {territory} : le traité lie {state} pour l'ensemble de son "
    "territoire (CVDT art. 29)",
    "former_antilles": " (partie des Antilles néerlandaises jusqu'au {date})",
    "note_consent_derived_by_rule": "consentement donné le {date} au plus tard : date déduite, selon la règle du "
    "traité, de son entrée en vigueur, qu'une source indique ; la date et la nature de l'instrument ne sont pas "
    "connues",
    "note_named_contracting": "État contractant le {date} selon une source de cette date qui le nomme ; la date et "
    "la nature de son consentement ne sont pas connues, et l'entrée en vigueur n'est connue que comme date limite",
    "note_in_force_by_parent": "en vigueur à son égard le {date} au plus tard, date exacte inconnue : déduit de sa "
    "participation à un traité ouvert aux seules parties de celui-ci (non lu dans un registre du dépositaire)",
    "note_named_later": "une source du {date} le nomme ({kind} à cette date au plus tard) ; la date exacte n'est pas "
    "connue",
    "note_unidentified": "la base de connaissances connaît {identified} des {parties} parties comptées par le "
    "dépositaire le {date} ; {unidentified} ont adhéré {since} et ne sont pas encore sourcées",
    "unidentified_after": "après le {date}",
    "unidentified_unsettled": "à des dates qu'aucune liste close ne fixe",
    "note_no_list": "aucune liste complète des participants ni aucun décompte ne fixe cette date",
    "note_no_obligation_yet": "pas encore d'obligation de coopération ; seulement celle de ne pas priver le traité de "
    "son objet et de son but (CVDT art. 18)",
    "below_minimum_grade": "une restriction connue seulement par une source de niveau {grade}, inférieur au niveau "
    "minimal {floor} : on ne sait pas si elle s'applique",
    "no_effect_here": "sans effet sur cette demande",
    "not_used_as_basis": "{state} ne prendra pas le traité pour base juridique de l'extradition",
    "not_used_as_basis_treaty_binds": "{state} ne prendra pas le traité pour base juridique de l'extradition, mais "
    "« {treaties} » lie les deux États : l'extradition a lieu en vertu de celui-ci, les infractions de ce traité y "
    "étant réputées incluses",
    "used_as_basis": "{state} prend le traité pour base juridique de l'extradition",
    "interpretative_only": "déclaration interprétative : une note, sans effet sur la disponibilité (MR-8)",
    "without_effect": "notification ou déclaration sans effet sur la disponibilité",
    "requesting_state_only": "déclaration de l'État requérant : sans effet sur l'État requis",
    "not_as_requested": "ne lie pas son auteur en tant qu'État requis",
    "presumptively_impermissible": "réserve présumée non permise : les deux lectures sont possibles",
    "carve_out_applies": "ne s'applique pas aux infractions « {offence} »",
    "carve_out_unless": "s'applique sauf si l'infraction relève de « {offence} »",
    "excludes": "la réserve {who} exclut {provisions}",
    "adds_conditions": "{kind} {who} : ajoute des conditions",
    "by_reciprocity": "par réciprocité (CVDT art. 21(1)(b))",
    "of_requested": "de l'État requis",
    "explain_question": "{a} peut-il demander à {b} : {mechanism} ({notation}), le {on} ? {status}.",
    "explain_fallback": "Aucun traité liant {a} et {b} dans la base de connaissances ne prévoit lui-même "
    "{mechanism} ({notation}) le {on} : la voie est une demande ordinaire d'entraide judiciaire en vertu d'un "
    "article général d'entraide ({status}).",
    "explain_not_held": "La base de connaissances ne contient pas encore {families}.",
    "family_bilateral": "les traités bilatéraux entre {a} et {b} (entraide judiciaire, extradition)",
    "family_cis-": "les instruments de la CEI (Minsk 1993, Chisinau 2002)",
    "family_sco-": "les instruments de l'OCS",
    "family_las-": "la Convention arabe sur la lutte contre les infractions informatiques",
    "family_au-": "la Convention de Malabo de l'Union africaine",
    "explain_basis": "En vertu du traité « {treaty} », art. {article}, {binds} : {status} ({conditions}).",
    "binds_both": "qui lie les deux États",
    "may_bind_both": "qui peut lier les deux États, sans que l'on sache si les deux sont liés",
    "no_condition": "aucune condition répertoriée",
    "explain_gap": "Pas par le traité « {treaty} » : {why}.",
    "explain_none": "Aucun traité de la base de connaissances ne prévoit ce mécanisme.",
    "list_separator": ", ",
    "notice": "analyse des textes des traités et des registres des dépositaires, et non un avis juridique",
    "close_not_party": "que les deux États soient parties à « {treaty} »",
    "close_not_in_force": "l'entrée en vigueur de « {treaty} » pour les deux États",
    "close_reservation_excludes": "le retrait de la réserve qui l'exclut ({statement})",
    "close_territory_excluded": "l'extension de « {treaty} » à {territory}",
    "close_outside_scope": "une infraction entrant dans le champ de « {treaty} »",
    "close_denounced": "une nouvelle adhésion à « {treaty} »",
    "close_objection_opposes_entry_into_force": "le retrait de l'objection qui s'oppose à l'entrée en vigueur",
    "the_territory": "le territoire",
    "close_any_not_party": "que les deux États soient parties au traité",
    "close_any_not_in_force": "l'entrée en vigueur du traité pour les deux États",
    "close_any_reservation_excludes": "le retrait de la réserve qui l'exclut",
    "close_any_territory_excluded": "l'extension du traité au territoire",
    "close_any_outside_scope": "une infraction entrant dans le champ du traité",
    "close_any_denounced": "une nouvelle adhésion au traité",
    "close_any_objection_opposes_entry_into_force": "le retrait de l'objection qui s'oppose à l'entrée en vigueur",
    "status_available": "disponible",
    "status_available_with_conditions": "disponible sous conditions",
    "status_unknown": "inconnu",
    "status_not_available": "non disponible",
    "party_status_party": "partie",
    "party_status_consented_not_in_force": "consentement donné, pas encore en vigueur",
    "party_status_denunciation_pending": "dénonciation en cours",
    "party_status_signatory": "signataire",
    "party_status_denounced": "dénoncé",
    "party_status_not_participating": "non participant",
    "party_status_unknown": "inconnu",
    "grade_depositary": "dépositaire",
    "grade_official": "officielle",
    "grade_mirror": "miroir",
    "grade_secondary": "secondaire",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "fr": FR}
