#!/usr/bin/env python3
"""Build actors.csv and names.csv from the saved ref-* snapshots (offline, deterministic).

Inputs (all under kb/sources/snapshots/, see registry/reference.yaml):
  ref-datasets-country-codes.txt   datasets/country-codes data/country-codes.csv (ISO codes, wikidata_id,
                                   is_independent, UNTERM names)
  ref-rigour-territories.txt       opensanctions/rigour resources/territories/*.yml (QIDs of former states,
                                   the EU and Namibia; cross-check of every other QID)
  ref-wooorm-iso-3166-3.txt        wooorm/iso-3166 3.js (ISO 3166-3: former alpha-2/alpha-3/numeric)
  ref-country-converter-data.txt   country_converter 1.3.2 country_data.tsv (UNmember year; read through
                                   the installed library)
  ref-babel-cldr-territories.txt   Babel 2.18.0 / CLDR short names en, fr, nl (read through the library)

Run:  python kb/sources/reference/build_reference.py   (then check_names.py)
"""

from __future__ import annotations

import csv
import io
import logging
import re
import sys
import unicodedata
from pathlib import Path

import country_converter as coco
import yaml
from babel import Locale

HERE = Path(__file__).resolve().parent
SNAP = HERE.parent / "snapshots"

CC_ID = "ref-datasets-country-codes"
RIG_ID = "ref-rigour-territories"
WOO_ID = "ref-wooorm-iso-3166-3"
COCO_ID = "ref-country-converter-data"
BABEL_ID = "ref-babel-cldr-territories"

# --- which entities -------------------------------------------------------------------------------
NON_MEMBER_STATES = ["VAT", "PSE", "COK", "NIU"]  # UN observer states; states in free association w/ NZ
TERRITORIES_BRIEF = (
    "GRL FRO CUW ABW SXM BES HKG MAC TKL GIB IMN JEY GGY BMU CYM VGB AIA MSR TCA FLK SHN PRI GUM VIR "
    "ASM MNP NCL PYF WLF SPM ALA SJM NFK CXR CCK"
).split()
# other ISO 3166-1 entries with a responsible state (French overseas departments and collectivities,
# remaining UK/AU/NO/US territories): included so that territorial declarations naming them resolve.
TERRITORIES_EXTRA = "GUF GLP MTQ REU MYT BLM MAF PCN IOT SGS ATF HMD BVT UMI".split()
FORMER = ["SUN", "YUG", "CSK", "SCG", "ANT", "DDR"]

# Known-from-the-design QIDs: used only as assertions (cross-check), never as a value source.
DESIGN_QIDS = {
    "DEU": "Q183", "RUS": "Q159", "AUT": "Q40", "CZE": "Q213", "BGR": "Q219", "DNK": "Q35",
    "NLD": "Q29999", "JPN": "Q17", "CHN": "Q148", "USA": "Q30", "GBR": "Q145", "SRB": "Q403",
    "HUN": "Q28", "BLR": "Q184", "EU": "Q458", "GRL": "Q223", "FRO": "Q4628", "CUW": "Q25279",
    "ABW": "Q21203",
}

# Short names where the CLDR display name is not the name used in treaty practice.
NAME_OVERRIDES = {
    "PSE": ("State of Palestine", "État de Palestine"),
    "VAT": ("Holy See", "Saint-Siège"),
    "HKG": ("Hong Kong", "Hong Kong"),
    "MAC": ("Macao", "Macao"),
    "COD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "COG": ("Congo", "Congo"),
    "MMR": ("Myanmar", "Myanmar"),
}
FORMER_NAMES = {
    "SUN": ("USSR", "URSS"),
    "YUG": ("Yugoslavia", "Yougoslavie"),
    "CSK": ("Czechoslovakia", "Tchécoslovaquie"),
    "SCG": ("Serbia and Montenegro", "Serbie-et-Monténégro"),
    "ANT": ("Netherlands Antilles", "Antilles néerlandaises"),
    "DDR": ("German Democratic Republic", "République démocratique allemande"),
}
# dissolution dates stated in the rigour summaries: (date, phrase that must occur in the file)
DISSOLVED = {
    "DDR": ("1990-10-03", "until its dissolution on\n  3 October 1990"),
    "CSK": ("1992-12-31", "On 31 December 1992, Czechoslovakia"),
}
FORMER_NOTES = {
    "SUN": "rigour: disbanded in 1991 (no day given). The Russian Federation continues the USSR's "
           "treaty participation and UN seat.",
    "YUG": "ISO YUG (YUCS) covered the SFRY and, until 2003, the FRY; the QID is the SFRY's (rigour, "
           "other_qids incl. Q838261; its successor list says 'cshh', apparently meaning csxx = SCG). "
           "rigour: existed 1945-1992. Acts of the FRY (1992-2003) that "
           "depositaries list under 'Yugoslavia' belong to SCG: decide YUG vs SCG by the act's date.",
    "CSK": "rigour: on 31 December 1992 split into the Czech Republic and Slovakia.",
    "SCG": "rigour: known until 2003 as the Federal Republic of Yugoslavia; existed 1992-2006. "
           "Serbia continues its treaty participation.",
    "ANT": "Not a sovereign state: a constituent country of the Kingdom of the Netherlands "
           "(responsible state NLD, rigour parent: nl); dissolved in 2010 (no day in the sources read).",
    "DDR": "rigour: dissolution on 3 October 1990; merged into DEU (ISO 3166-3 type 'merge').",
}
NLD_NOTE = (
    "NLD stands for the Kingdom of the Netherlands as treaty party (treaties are ratified by the "
    "Kingdom; QID Q29999 = Kingdom). Its parts: the European Netherlands (no own code), ABW, CUW, SXM "
    "and BES (public bodies of the European Netherlands); territorial statements use those codes."
)
DNK_NOTE = (
    "QID Q35 (Denmark) per datasets/country-codes; rigour uses Q756617 (Realm/Kingdom of Denmark, "
    "with Q35 as other_qid). GRL and FRO are territories of the Realm."
)


def die(msg: str) -> None:
    sys.stderr.write(f"ERROR: {msg}\n")
    raise SystemExit(1)


# --- readers --------------------------------------------------------------------------------------
def read_country_codes() -> dict[str, dict[str, str]]:
    text = (SNAP / "ref-datasets-country-codes.txt").read_text(encoding="utf-8")
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        rows[r["ISO3166-1-Alpha-3"]] = r
    return rows


def read_rigour() -> dict[str, dict]:
    """alpha3 (upper) or file stem ('eu') -> parsed yaml (only what the snapshot holds)."""
    text = (SNAP / "ref-rigour-territories.txt").read_text(encoding="utf-8")
    parts = re.split(r"^### resources/territories/(\S+)\.yml \([^)]*\)\n", text, flags=re.M)
    out: dict[str, dict] = {}
    for i in range(1, len(parts), 2):
        stem, body = parts[i], parts[i + 1]
        y = yaml.safe_load(body) or {}
        y["_file"] = f"resources/territories/{stem}.yml"
        y["_text"] = body
        key = (y.get("alpha3") or stem).upper()
        if key in out:
            die(f"two rigour files for {key}")
        out[key] = y
    return out


def read_wooorm() -> dict[str, dict]:
    """former alpha-3 -> {alpha4, type, alpha2, alpha3, numeric, name, to:[alpha3...]}"""
    text = (SNAP / "ref-wooorm-iso-3166-3.txt").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(
        r"alpha4: '(\w+)',\s*type: '(\w+)',\s*from: \{(.*?)\},\s*to: \[(.*?)\]\s*\}", text, re.S
    ):
        alpha4, typ, frm, to = m.groups()
        f = dict(re.findall(r"(\w+): '([^']*)'", frm))
        out[f["alpha3"]] = {
            "alpha4": alpha4, "type": typ, "alpha2": f["alpha2"], "alpha3": f["alpha3"],
            "numeric": f.get("numeric", ""), "name": f["name"],
            "to": re.findall(r"alpha3: '(\w+)'", to),
        }
    return out


def qid_of(url: str) -> str:
    m = re.fullmatch(r"https?://www\.wikidata\.org/(?:wiki|entity)/(Q\d+)", url.strip())
    return m.group(1) if m else ""


# --- build ----------------------------------------------------------------------------------------
def build_actors() -> tuple[list[dict[str, str]], list[str]]:
    logging.disable(logging.CRITICAL)
    cc = read_country_codes()
    rig = read_rigour()
    woo = read_wooorm()
    cdata = coco.CountryConverter().data
    un_member = {r.ISO3: str(int(r.UNmember)) for r in cdata.itertuples() if str(r.UNmember) != "<NA>"}
    if len(un_member) != 193:
        die(f"country_converter lists {len(un_member)} UN members, expected 193")
    en, fr = Locale("en").territories, Locale("fr").territories
    a2_to_a3 = {r["ISO3166-1-Alpha-2"]: a3 for a3, r in cc.items()}
    report: list[str] = []

    def current(code: str, kind: str) -> dict[str, str]:
        r = cc.get(code)
        if r is None:
            die(f"{code} not in datasets/country-codes")
        iso2 = r["ISO3166-1-Alpha-2"]
        srcs = [CC_ID, BABEL_ID]
        q_cc = qid_of(r["wikidata_id"]) if r["wikidata_id"] else ""
        rg = rig.get(code)
        q_rg = (rg or {}).get("qid") or ""
        if rg is not None and (rg.get("alpha3") or "").upper() != code:
            die(f"rigour label check failed for {code}")
        qid = q_cc
        if not qid and q_rg:
            qid = q_rg
            srcs.append(RIG_ID)
            report.append(f"{code}: no wikidata_id in datasets/country-codes; QID {q_rg} from rigour "
                          f"{rg['_file']} (name '{rg.get('name')}', alpha3 {code})")
        elif q_cc and q_rg and q_cc != q_rg:
            others = rg.get("other_qids") or []
            extra = " (listed there as other_qid)" if q_cc in others else ""
            report.append(f"{code}: datasets/country-codes {q_cc} vs rigour {q_rg}{extra}; kept {q_cc}")
        elif q_cc and q_rg:
            pass  # agreement
        elif q_cc and not rg:
            report.append(f"{code}: no rigour file to cross-check {q_cc}")
        name_en, name_fr = NAME_OVERRIDES.get(code, (en.get(iso2, ""), fr.get(iso2, "")))
        name_en = name_en.replace(" & ", " and ")
        resp = ""
        note = ""
        m = re.fullmatch(r"(?:Part of|Territory of|Territories of|Crown dependency of|Commonwealth of)"
                         r" ([A-Z]{2})", r["is_independent"])
        if kind == "territory":
            if not m:
                die(f"{code}: no responsible state in is_independent={r['is_independent']!r}")
            resp = a2_to_a3[m.group(1)]
        ums = un_member.get(code, "")
        if ums:
            srcs.append(COCO_ID)
        if code == "NLD":
            note = NLD_NOTE
        if code == "DNK":
            note = DNK_NOTE
        if code == "SJM":
            note = "ISO SJM covers Svalbard and Jan Mayen; rigour gives Q25231 for the same code."
        return {
            "code": code, "kind": kind, "iso2": iso2, "iso3": code,
            "numeric": r["ISO3166-1-numeric"].zfill(3) if r["ISO3166-1-numeric"] else "",
            "name_en": name_en, "name_fr": name_fr, "wikidata": qid, "responsible_state": resp,
            "un_member_since": ums, "dissolved": "", "successor_note": note,
            "source": ";".join(srcs),
        }

    rows = []
    states = sorted(un_member) + NON_MEMBER_STATES
    for code in sorted(states):
        rows.append(current(code, "state"))
    # EU
    eu = rig["EU"]
    rows.append({
        "code": "EU", "kind": "reio", "iso2": "EU", "iso3": "", "numeric": "",
        "name_en": en["EU"], "name_fr": fr["EU"], "wikidata": eu["qid"], "responsible_state": "",
        "un_member_since": "", "dissolved": "",
        "successor_note": "Regional economic integration organisation; ISO 3166-1 alpha-2 'EU' is "
                          "exceptionally reserved. Earlier acts as European (Economic) Community.",
        "source": ";".join([RIG_ID, BABEL_ID]),
    })
    if eu.get("name") != "European Union":
        die("rigour eu.yml label check failed")
    for code in FORMER:
        w = woo.get(code)
        rg = rig.get(code)
        if w is None or rg is None:
            die(f"former state {code} missing in wooorm or rigour")
        if (rg.get("alpha3") or "").upper() != code:
            die(f"rigour label check failed for {code}")
        dissolved = ""
        if code in DISSOLVED:
            date, phrase = DISSOLVED[code]
            if phrase not in rg["_text"]:
                die(f"dissolution phrase for {code} not found in rigour text")
            dissolved = date
        succ_w = ",".join(w["to"])
        succ_r = ",".join(rg.get("successors") or [])  # rigour's own lower-case codes, as written
        note = (f"ISO 3166-3 {w['alpha4']} ({w['type']}) -> {succ_w} (wooorm); rigour successors "
                f"(its own codes): {succ_r}. {FORMER_NOTES[code]}")
        resp = ""
        if code == "ANT":
            if rg.get("parent") != "nl":
                die("rigour an.yml parent is not nl")
            resp = "NLD"
        rows.append({
            "code": code, "kind": "former_state", "iso2": w["alpha2"], "iso3": code,
            "numeric": w["numeric"], "name_en": FORMER_NAMES[code][0], "name_fr": FORMER_NAMES[code][1],
            "wikidata": rg["qid"], "responsible_state": resp, "un_member_since": "",
            "dissolved": dissolved, "successor_note": note, "source": ";".join([WOO_ID, RIG_ID]),
        })
    for code in TERRITORIES_BRIEF + TERRITORIES_EXTRA:
        rows.append(current(code, "territory"))

    # checks
    seen = set()
    for r in rows:
        if r["code"] in seen:
            die(f"duplicate {r['code']}")
        seen.add(r["code"])
        if r["wikidata"] and not re.fullmatch(r"Q\d+", r["wikidata"]):
            die(f"bad QID {r}")
    by = {r["code"]: r for r in rows}
    for code, q in DESIGN_QIDS.items():
        if by[code]["wikidata"] != q:
            die(f"design cross-check failed: {code} {by[code]['wikidata']} != {q}")
    qids = [r["wikidata"] for r in rows if r["wikidata"]]
    if len(qids) != len(set(qids)):
        die("a QID is used twice")
    for r in rows:
        if r["responsible_state"] and r["responsible_state"] not in by:
            die(f"responsible state {r['responsible_state']} of {r['code']} is not an actor")
    return rows, report


# --- names ----------------------------------------------------------------------------------------
def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


MANUAL_NAMES: list[tuple[str, str, str, str]] = [
    # (name, code, lang, note)
    # English: historical and UN-style
    ("Swaziland", "SWZ", "en", "UN name until 2018"),
    ("Kingdom of Swaziland", "SWZ", "en", "former formal name"),
    ("The former Yugoslav Republic of Macedonia", "MKD", "en", "UN name until 2019"),
    ("former Yugoslav Republic of Macedonia", "MKD", "en", "UN name until 2019"),
    ("Macedonia", "MKD", "en", "short name used before 2019"),
    ("Czechoslovakia", "CSK", "en", "former state; NOT CZE"),
    ("Czech and Slovak Federal Republic", "CSK", "en", "formal name 1990-1992"),
    ("Czechoslovak Socialist Republic", "CSK", "en", "formal name 1960-1990"),
    ("Union of Soviet Socialist Republics", "SUN", "en", "former state"),
    ("USSR", "SUN", "en", "former state"),
    ("Soviet Union", "SUN", "en", "former state"),
    ("Serbia and Montenegro", "SCG", "en", "former state 2003-2006"),
    ("Federal Republic of Yugoslavia", "SCG", "en", "FRY 1992-2003 = later Serbia and Montenegro (rigour)"),
    ("Yugoslavia", "YUG", "en", "former state (SFRY); FRY acts 1992-2003 under this name: see actors.csv note"),
    ("Socialist Federal Republic of Yugoslavia", "YUG", "en", "former state"),
    ("Netherlands Antilles", "ANT", "en", "dissolved 2010"),
    ("European Union", "EU", "en", "REIO"),
    ("European Community", "EU", "en", "EU's predecessor as treaty party"),
    ("European Communities", "EU", "en", "EU's predecessor as treaty party"),
    ("European Economic Community", "EU", "en", "EU's predecessor as treaty party"),
    ("German Democratic Republic", "DDR", "en", "former state"),
    ("East Germany", "DDR", "en", "former state"),
    ("Federal Republic of Germany", "DEU", "en", "formal name"),
    ("Zaire", "COD", "en", "name 1971-1997"),
    ("Republic of Zaire", "COD", "en", "name 1971-1997"),
    ("Turkey", "TUR", "en", "UN name until 2022"),
    ("Türkiye", "TUR", "en", "UN name since 2022"),
    ("Republic of Türkiye", "TUR", "en", "formal name"),
    ("Netherlands (Kingdom of the)", "NLD", "en", "UNTC style; the Kingdom is the treaty party"),
    ("Netherlands, the Kingdom of the", "NLD", "en", "Dutch treaty database (English pages)"),
    ("Kingdom of the Netherlands", "NLD", "en", "the Kingdom is the treaty party"),
    ("Netherlands (European part)", "NLD", "en", "territorial scope only; no own code"),
    ("Holy See", "VAT", "en", "UN observer state"),
    ("State of Palestine", "PSE", "en", "UN observer state"),
    ("Palestine", "PSE", "en", ""),
    ("Burma", "MMR", "en", "former name"),
    ("Byelorussian Soviet Socialist Republic", "BLR", "en", "UN member 1945-1991 (ISO 3166-3 BYAA -> BLR)"),
    ("Ukrainian Soviet Socialist Republic", "UKR", "en", "UN member 1945-1991"),
    ("Democratic Kampuchea", "KHM", "en", "former name"),
    ("Upper Volta", "BFA", "en", "former name"),
    ("Dahomey", "BEN", "en", "former name"),
    ("Western Samoa", "WSM", "en", "former name"),
    ("East Timor", "TLS", "en", "former name"),
    ("Libyan Arab Jamahiriya", "LBY", "en", "UN name until 2011"),
    ("Cape Verde", "CPV", "en", "UN name until 2013"),
    ("Ivory Coast", "CIV", "en", ""),
    ("Hong Kong, China", "HKG", "en", ""),
    ("Hong Kong Special Administrative Region of China", "HKG", "en", ""),
    ("Macao, China", "MAC", "en", ""),
    ("Macao Special Administrative Region of China", "MAC", "en", ""),
    ("Macau", "MAC", "en", ""),
    ("Bonaire, Sint Eustatius and Saba", "BES", "en", "ISO name"),
    ("Caribbean part of the Netherlands", "BES", "en", "Dutch treaty database (English pages)"),
    ("Caribbean Netherlands", "BES", "en", ""),
    ("Sint Maarten (Dutch part)", "SXM", "en", "ISO name"),
    ("Faeroe Islands", "FRO", "en", "variant spelling"),
    ("Feroe Islands", "FRO", "en", "spelling in a Danish declaration"),
    ("Svalbard", "SJM", "en", "ISO SJM = Svalbard and Jan Mayen"),
    ("Saint Helena, Ascension and Tristan da Cunha", "SHN", "en", "ISO name"),
    ("Aland Islands", "ALA", "en", ""),
    ("Åland", "ALA", "en", ""),
    # French
    ("URSS", "SUN", "fr", "ancien État"),
    ("Union des républiques socialistes soviétiques", "SUN", "fr", "ancien État"),
    ("Union soviétique", "SUN", "fr", "ancien État"),
    ("Yougoslavie", "YUG", "fr", "ancien État"),
    ("République fédérative socialiste de Yougoslavie", "YUG", "fr", "ancien État"),
    ("République fédérale de Yougoslavie", "SCG", "fr", "RFY 1992-2003"),
    ("Tchécoslovaquie", "CSK", "fr", "ancien État; PAS CZE"),
    ("République fédérative tchèque et slovaque", "CSK", "fr", "1990-1992"),
    ("Serbie-et-Monténégro", "SCG", "fr", "ancien État"),
    ("Antilles néerlandaises", "ANT", "fr", "dissoutes en 2010"),
    ("République démocratique allemande", "DDR", "fr", "ancien État"),
    ("Union européenne", "EU", "fr", "OIER"),
    ("Communauté européenne", "EU", "fr", ""),
    ("Communautés européennes", "EU", "fr", ""),
    ("Communauté économique européenne", "EU", "fr", ""),
    ("Saint-Siège", "VAT", "fr", ""),
    ("État de Palestine", "PSE", "fr", ""),
    ("ex-République yougoslave de Macédoine", "MKD", "fr", "nom ONU jusqu'en 2019"),
    ("Swaziland", "SWZ", "fr", "nom ONU jusqu'en 2018"),
    ("Zaïre", "COD", "fr", "1971-1997"),
    ("Pays-Bas (Royaume des)", "NLD", "fr", "style UNTC"),
    ("Royaume des Pays-Bas", "NLD", "fr", ""),
    ("Turquie", "TUR", "fr", ""),
    ("République démocratique du Congo", "COD", "fr", ""),
    # Dutch (Verdragenbank / Tractatenblad usage and older names)
    ("Nederlanden, het Koninkrijk der", "NLD", "nl", "Verdragenbank"),
    ("Koninkrijk der Nederlanden", "NLD", "nl", "the Kingdom is the treaty party"),
    ("Nederland (het Europese deel)", "NLD", "nl", "Verdragenbank territorial scope; no own code"),
    ("Europees deel van Nederland", "NLD", "nl", "territorial scope; no own code"),
    ("Caribisch deel van Nederland", "BES", "nl", "Verdragenbank territorial scope"),
    ("Bonaire, Sint Eustatius en Saba", "BES", "nl", ""),
    ("Nederlandse Antillen", "ANT", "nl", "opgeheven 2010"),
    ("Verenigde Staten van Amerika", "USA", "nl", "Verdragenbank"),
    ("Russische Federatie", "RUS", "nl", "Verdragenbank"),
    ("Tsjechische Republiek", "CZE", "nl", "older name"),
    ("Slowaakse Republiek", "SVK", "nl", ""),
    ("Verenigd Koninkrijk van Groot-Brittannië en Noord-Ierland", "GBR", "nl", ""),
    ("Sovjet-Unie", "SUN", "nl", "former state"),
    ("Unie van Socialistische Sovjetrepublieken", "SUN", "nl", "former state"),
    ("Joegoslavië", "YUG", "nl", "former state"),
    ("Socialistische Federale Republiek Joegoslavië", "YUG", "nl", "former state"),
    ("Federale Republiek Joegoslavië", "SCG", "nl", "FRY 1992-2003"),
    ("Servië en Montenegro", "SCG", "nl", "former state"),
    ("Tsjechoslowakije", "CSK", "nl", "former state; NOT CZE"),
    ("Duitse Democratische Republiek", "DDR", "nl", "former state"),
    ("Bondsrepubliek Duitsland", "DEU", "nl", ""),
    ("Europese Unie", "EU", "nl", ""),
    ("EU (Europese Unie)", "EU", "nl", "Verdragenbank"),
    ("Europese Gemeenschap", "EU", "nl", ""),
    ("Europese Gemeenschappen", "EU", "nl", ""),
    ("Europese Economische Gemeenschap", "EU", "nl", ""),
    ("Heilige Stoel", "VAT", "nl", ""),
    ("Palestina", "PSE", "nl", ""),
    ("Staat Palestina", "PSE", "nl", ""),
    ("Macedonië", "MKD", "nl", "name before 2019"),
    ("Macedonië, de voormalige Joegoslavische Republiek", "MKD", "nl", "name before 2019"),
    ("Voormalige Joegoslavische Republiek Macedonië", "MKD", "nl", "name before 2019"),
    ("Swaziland", "SWZ", "nl", "name before 2018"),
    ("Zaïre", "COD", "nl", "1971-1997"),
    ("Democratische Republiek Congo", "COD", "nl", "Verdragenbank"),
    ("Congo, Democratische Republiek", "COD", "nl", ""),
    ("Republiek Congo", "COG", "nl", ""),
    ("Congo", "COG", "nl", ""),
    ("Centraal Afrikaanse Republiek", "CAF", "nl", "Verdragenbank spelling (no hyphen)"),
    ("Wit-Rusland", "BLR", "nl", "older name"),
    ("Korea, Republiek", "KOR", "nl", ""),
    ("Republiek Korea", "KOR", "nl", ""),
    ("Korea, Democratische Volksrepubliek", "PRK", "nl", ""),
    ("Democratische Volksrepubliek Korea", "PRK", "nl", ""),
    ("Cabo Verde", "CPV", "nl", ""),
    ("Timor-Leste", "TLS", "nl", ""),
    ("Türkiye", "TUR", "nl", ""),
    ("Bahama's", "BHS", "nl", "Verdragenbank"),
    ("Moldavië, Republiek", "MDA", "nl", ""),
    ("Republiek Moldavië", "MDA", "nl", ""),
    ("Micronesië", "FSM", "nl", ""),
    ("Micronesia, Federale Staten van", "FSM", "nl", ""),
    ("Federale Staten van Micronesia", "FSM", "nl", ""),
    ("Brunei Darussalam", "BRN", "nl", ""),
    ("Myanmar", "MMR", "nl", ""),
    ("Birma", "MMR", "nl", "older name"),
    ("Hongkong", "HKG", "nl", ""),
    ("Macau", "MAC", "nl", ""),
    ("Sint-Kitts en Nevis", "KNA", "nl", ""),
    ("Sint-Lucia", "LCA", "nl", ""),
    ("Sint-Vincent en de Grenadines", "VCT", "nl", ""),
    ("Sao Tomé en Principe", "STP", "nl", ""),
    ("Laos, Democratische Volksrepubliek", "LAO", "nl", ""),
    ("Faeröer-eilanden", "FRO", "nl", ""),
    ("Färöer", "FRO", "nl", ""),
    ("Spitsbergen", "SJM", "nl", ""),
    ("Tanzania, Verenigde Republiek", "TZA", "nl", ""),
    ("Verenigde Republiek Tanzania", "TZA", "nl", ""),
    ("Iran, Islamitische Republiek", "IRN", "nl", ""),
    ("Syrische Arabische Republiek", "SYR", "nl", ""),
    ("Ivoorkust", "CIV", "nl", ""),
    ("Saudi-Arabië", "SAU", "nl", "Verdragenbank spelling (CLDR: Saoedi-Arabië)"),
    ("Malediven", "MDV", "nl", "Verdragenbank spelling (CLDR: Maldiven)"),
    ("Sudan", "SDN", "nl", "Verdragenbank spelling (CLDR: Soedan)"),
    ("Zuid-Sudan", "SSD", "nl", "Dutch government spelling (CLDR: Zuid-Soedan)"),
    ("Kirgizstan", "KGZ", "nl", ""),
    ("Bosnië-Herzegovina", "BIH", "nl", ""),
    ("Sint Maarten", "SXM", "nl", "official spelling"),
    ("Norfolkeiland", "NFK", "nl", ""),
]


def clean_unterm(s: str) -> str:
    s = s.replace("*", "").strip()
    s = re.sub(r"\s*\((?:the|l'|la|le|les)\)\s*", " ", s).strip()
    return re.sub(r"\s+", " ", s)


def build_names(actors: list[dict[str, str]]) -> list[dict[str, str]]:
    logging.disable(logging.CRITICAL)
    cc = read_country_codes()
    fr, nl, en = Locale("fr").territories, Locale("nl").territories, Locale("en").territories
    rows: list[dict[str, str]] = []

    def add(name: str, code: str, lang: str, note: str) -> None:
        if name:
            rows.append({"name": name, "code": code, "lang": lang, "source_note": note})

    for name, code, lang, note in MANUAL_NAMES:
        add(name, code, lang, ("curated: " + note) if note else "curated")
    for a in actors:
        if a["kind"] == "former_state":
            add(a["name_en"], a["code"], "en", "actors.csv name_en")
            add(a["name_fr"], a["code"], "fr", "actors.csv name_fr")
            continue
        iso2 = a["iso2"]
        add(a["name_fr"], a["code"], "fr", "actors.csv name_fr")
        add(fr.get(iso2, ""), a["code"], "fr", "Babel/CLDR fr")
        add(nl.get(iso2, ""), a["code"], "nl", "Babel/CLDR nl")
        r = cc.get(a["code"])
        if r:
            add(clean_unterm(r["UNTERM French Short"]), a["code"], "fr",
                "UNTERM French Short (datasets/country-codes), article removed")
        # English names only where country_converter gets them wrong or does not know them
        cands = [(a["name_en"], "actors.csv name_en"), (en.get(iso2, ""), "Babel/CLDR en")]
        if r:
            cands.append((clean_unterm(r["UNTERM English Short"]),
                          "UNTERM English Short (datasets/country-codes), '(the)' removed"))
            cands.append((r["official_name_en"], "official_name_en (datasets/country-codes)"))
        for name, note in cands:
            if not name:
                continue
            got = coco.convert(name, to="ISO3", not_found=None)
            if got != a["code"]:
                add(name, a["code"], "en", f"{note}; country_converter gives {got!r}")
    # dedupe on (normalised name, code); conflicts are fatal
    seen: dict[str, dict[str, str]] = {}
    out = []
    for r in rows:
        k = norm(r["name"])
        if k in seen:
            if seen[k]["code"] != r["code"]:
                die(f"name {r['name']!r} maps to {seen[k]['code']} and {r['code']}")
            continue
        seen[k] = r
        out.append(r)
    return out


def write_csv(path: Path, rows: list[dict[str, str]], cols: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    actors, report = build_actors()
    cols = ("code,kind,iso2,iso3,numeric,name_en,name_fr,wikidata,responsible_state,un_member_since,"
            "dissolved,successor_note,source").split(",")
    write_csv(HERE / "actors.csv", actors, cols)
    names = build_names(actors)
    write_csv(HERE / "names.csv", names, ["name", "code", "lang", "source_note"])
    kinds: dict[str, int] = {}
    for a in actors:
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    sys.stdout.write(f"actors: {len(actors)} {kinds}; with QID: {sum(1 for a in actors if a['wikidata'])}\n")
    sys.stdout.write(f"names: {len(names)}\n")
    for line in report:
        sys.stdout.write(f"  QID note: {line}\n")


if __name__ == "__main__":
    main()
