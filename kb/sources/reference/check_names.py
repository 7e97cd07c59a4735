#!/usr/bin/env python3
"""Check that participant names resolve to the right actor code.

Resolution rule (what the importer should do): normalise the name (Unicode NFC, curly quotes to
straight, whitespace collapsed, casefold) and look it up in names.csv; if absent, fall back to
country_converter: coco.convert(name, to="ISO3", not_found=None).

Checked strictly: every participant in /work/shared/sources/untc-scrape-2014/treaties/*.csv and every
'#State' heading of declarations/6-19.txt, against EXPECTED (reviewed by hand, 2026-11-23).
Reported (not failing): party names found in tables of kb/sources/snapshots/*.txt.

Run:  python kb/sources/reference/check_names.py     exit 1 on any failure
"""

from __future__ import annotations

import csv
import glob
import logging
import re
import sys
import unicodedata
from pathlib import Path

import country_converter as coco

HERE = Path(__file__).resolve().parent
UNTC = Path("/work/shared/sources/untc-scrape-2014")

EXPECTED = {
    'Afghanistan': 'AFG',
    'Albania': 'ALB',
    'Algeria': 'DZA',
    'Andorra': 'AND',
    'Angola': 'AGO',
    'Antigua and Barbuda': 'ATG',
    'Argentina': 'ARG',
    'Armenia': 'ARM',
    'Australia': 'AUS',
    'Austria': 'AUT',
    'Azerbaijan': 'AZE',
    'Bahamas': 'BHS',
    'Bahrain': 'BHR',
    'Bangladesh': 'BGD',
    'Barbados': 'BRB',
    'Belarus': 'BLR',
    'Belgium': 'BEL',
    'Belize': 'BLZ',
    'Benin': 'BEN',
    'Bhutan': 'BTN',
    'Bolivia (Plurinational State of)': 'BOL',
    'Bosnia and Herzegovina': 'BIH',
    'Botswana': 'BWA',
    'Brazil': 'BRA',
    'Brunei Darussalam': 'BRN',
    'Bulgaria': 'BGR',
    'Burkina Faso': 'BFA',
    'Burundi': 'BDI',
    'Cabo Verde': 'CPV',
    'Cambodia': 'KHM',
    'Cameroon': 'CMR',
    'Canada': 'CAN',
    'Central African Republic': 'CAF',
    'Chad': 'TCD',
    'Chile': 'CHL',
    'China': 'CHN',
    'Colombia': 'COL',
    'Comoros': 'COM',
    'Congo': 'COG',
    'Cook Islands': 'COK',
    'Costa Rica': 'CRI',
    'Croatia': 'HRV',
    'Cuba': 'CUB',
    'Cyprus': 'CYP',
    'Czech Republic': 'CZE',
    "Côte d'Ivoire": 'CIV',
    "Democratic People's Republic of Korea": 'PRK',
    'Democratic Republic of the Congo': 'COD',
    'Denmark': 'DNK',
    'Djibouti': 'DJI',
    'Dominica': 'DMA',
    'Dominican Republic': 'DOM',
    'Ecuador': 'ECU',
    'Egypt': 'EGY',
    'El Salvador': 'SLV',
    'Equatorial Guinea': 'GNQ',
    'Eritrea': 'ERI',
    'Estonia': 'EST',
    'Ethiopia': 'ETH',
    'European Union': 'EU',
    'Fiji': 'FJI',
    'Finland': 'FIN',
    'France': 'FRA',
    'Gabon': 'GAB',
    'Gambia': 'GMB',
    'Georgia': 'GEO',
    'Germany': 'DEU',
    'Ghana': 'GHA',
    'Greece': 'GRC',
    'Grenada': 'GRD',
    'Guatemala': 'GTM',
    'Guinea': 'GIN',
    'Guinea-Bissau': 'GNB',
    'Guyana': 'GUY',
    'Haiti': 'HTI',
    'Holy See': 'VAT',
    'Honduras': 'HND',
    'Hungary': 'HUN',
    'Iceland': 'ISL',
    'India': 'IND',
    'Indonesia': 'IDN',
    'Iran (Islamic Republic of)': 'IRN',
    'Iraq': 'IRQ',
    'Ireland': 'IRL',
    'Israel': 'ISR',
    'Italy': 'ITA',
    'Jamaica': 'JAM',
    'Japan': 'JPN',
    'Jordan': 'JOR',
    'Kazakhstan': 'KAZ',
    'Kenya': 'KEN',
    'Kiribati': 'KIR',
    'Kuwait': 'KWT',
    'Kyrgyzstan': 'KGZ',
    "Lao People's Democratic Republic": 'LAO',
    'Latvia': 'LVA',
    'Lebanon': 'LBN',
    'Lesotho': 'LSO',
    'Liberia': 'LBR',
    'Libya': 'LBY',
    'Liechtenstein': 'LIE',
    'Lithuania': 'LTU',
    'Luxembourg': 'LUX',
    'Madagascar': 'MDG',
    'Malawi': 'MWI',
    'Malaysia': 'MYS',
    'Maldives': 'MDV',
    'Mali': 'MLI',
    'Malta': 'MLT',
    'Marshall Islands': 'MHL',
    'Mauritania': 'MRT',
    'Mauritius': 'MUS',
    'Mexico': 'MEX',
    'Micronesia (Federated States of)': 'FSM',
    'Monaco': 'MCO',
    'Mongolia': 'MNG',
    'Montenegro': 'MNE',
    'Morocco': 'MAR',
    'Mozambique': 'MOZ',
    'Myanmar': 'MMR',
    'Namibia': 'NAM',
    'Nauru': 'NRU',
    'Nepal': 'NPL',
    'Netherlands': 'NLD',
    'New Zealand': 'NZL',
    'Nicaragua': 'NIC',
    'Niger': 'NER',
    'Nigeria': 'NGA',
    'Niue': 'NIU',
    'Norway': 'NOR',
    'Oman': 'OMN',
    'Pakistan': 'PAK',
    'Palau': 'PLW',
    'Panama': 'PAN',
    'Papua New Guinea': 'PNG',
    'Paraguay': 'PRY',
    'Peru': 'PER',
    'Philippines': 'PHL',
    'Poland': 'POL',
    'Portugal': 'PRT',
    'Qatar': 'QAT',
    'Republic of Korea': 'KOR',
    'Republic of Moldova': 'MDA',
    'Romania': 'ROU',
    'Russian Federation': 'RUS',
    'Rwanda': 'RWA',
    'Samoa': 'WSM',
    'San Marino': 'SMR',
    'Sao Tome and Principe': 'STP',
    'Saudi Arabia': 'SAU',
    'Senegal': 'SEN',
    'Serbia': 'SRB',
    'Seychelles': 'SYC',
    'Sierra Leone': 'SLE',
    'Singapore': 'SGP',
    'Slovakia': 'SVK',
    'Slovenia': 'SVN',
    'Solomon Islands': 'SLB',
    'South Africa': 'ZAF',
    'Spain': 'ESP',
    'Sri Lanka': 'LKA',
    'St. Kitts and Nevis': 'KNA',
    'St. Lucia': 'LCA',
    'St. Vincent and the Grenadines': 'VCT',
    'State of Palestine': 'PSE',
    'Sudan': 'SDN',
    'Suriname': 'SUR',
    'Swaziland': 'SWZ',
    'Sweden': 'SWE',
    'Switzerland': 'CHE',
    'Syrian Arab Republic': 'SYR',
    'Tajikistan': 'TJK',
    'Thailand': 'THA',
    'The former Yugoslav Republic of Macedonia': 'MKD',
    'Timor-Leste': 'TLS',
    'Togo': 'TGO',
    'Tonga': 'TON',
    'Trinidad and Tobago': 'TTO',
    'Tunisia': 'TUN',
    'Turkey': 'TUR',
    'Turkmenistan': 'TKM',
    'Uganda': 'UGA',
    'Ukraine': 'UKR',
    'United Arab Emirates': 'ARE',
    'United Kingdom of Great Britain and Northern Ireland': 'GBR',
    'United Republic of Tanzania': 'TZA',
    'United States of America': 'USA',
    'Uruguay': 'URY',
    'Uzbekistan': 'UZB',
    'Vanuatu': 'VUT',
    'Venezuela (Bolivarian Republic of)': 'VEN',
    'Viet Nam': 'VNM',
    'Yemen': 'YEM',
    'Zambia': 'ZMB',
    'Zimbabwe': 'ZWE',
}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def load_names() -> dict[str, str]:
    with (HERE / "names.csv").open(encoding="utf-8") as f:
        return {norm(r["name"]): r["code"] for r in csv.DictReader(f)}


def load_actor_codes() -> set[str]:
    with (HERE / "actors.csv").open(encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(f)}


def resolve(name: str, table: dict[str, str]) -> tuple[str | None, str]:
    k = norm(name)
    if k in table:
        return table[k], "names.csv"
    got = coco.convert(name, to="ISO3", not_found=None)
    if not isinstance(got, str) or not re.fullmatch(r"[A-Z]{3}", got):
        return None, "country_converter"
    return got, "country_converter"


def main() -> int:
    logging.disable(logging.CRITICAL)
    table = load_names()
    actors = load_actor_codes()
    fails = []
    untc: set[str] = set()
    for f in sorted(glob.glob(str(UNTC / "treaties" / "*.csv"))):
        with open(f, encoding="utf-8") as fh:
            for i, row in enumerate(csv.reader(fh)):
                if i and row:
                    untc.add(row[0])
    decl = UNTC / "declarations" / "6-19.txt"
    if decl.exists():
        for line in decl.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") and len(line) > 1:
                untc.add(line[1:].strip())
    via = {"names.csv": 0, "country_converter": 0}
    for name in sorted(untc):
        code, how = resolve(name, table)
        want = EXPECTED.get(name)
        if want is None:
            fails.append(f"no expected code for {name!r} (resolved to {code} via {how}); review it")
        elif code != want:
            fails.append(f"{name!r}: got {code} via {how}, expected {want}")
        elif code not in actors:
            fails.append(f"{name!r}: {code} is not in actors.csv")
        else:
            via[how] += 1
    # every names.csv code must be an actor
    for k, c in table.items():
        if c not in actors:
            fails.append(f"names.csv: {k!r} -> {c} is not in actors.csv")
    # informational: party names in table rows of the other snapshots
    unresolved = set()
    for f in sorted(glob.glob(str(HERE.parent / "snapshots" / "*.txt"))):
        if Path(f).name.startswith("ref-"):
            continue
        for line in Path(f).read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"^\|?\s*([^|\d][^|]{1,60}?)\s*\|\s*(\d\d-\d\d-\d{4}|Ja|Nee|Yes|No)\b", line)
            if m:
                code, _ = resolve(m.group(1), table)
                if code is None or code not in actors:
                    unresolved.add((Path(f).name, m.group(1), code))
    for f, n, c in sorted(unresolved):
        sys.stdout.write(f"note: snapshot {f}: {n!r} does not resolve to an actor (got {c})\n")
    for line in fails:
        sys.stdout.write(f"FAIL {line}\n")
    passed = len(untc) - len([x for x in fails if not x.startswith("names.csv")])
    sys.stdout.write(f"UNTC names: {len(untc)} checked, {via['names.csv']} via names.csv, "
                     f"{via['country_converter']} via country_converter\n")
    sys.stdout.write(f"{passed} passed, {len(fails)} failed\n")
    return 1 if fails else 0


if __name__ == "__main__":
    raise SystemExit(main())
