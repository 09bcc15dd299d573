"""Regenerate ``dbt/seeds/countries.csv``: Indonesian country names with ISO 3166 codes.

Names come from the Unicode CLDR (through Babel's ``id`` locale), codes from pycountry, so the
seed follows maintained sources rather than a hand-typed list. Short forms that Indonesian news uses
and CLDR lacks (AS, Korut, RRT, ...) are added from ``dbt/seeds/country_short_forms.csv``.
Run: ``.venv/bin/python scripts/build_countries_seed.py`` (needs the ``dev`` extra).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from babel import Locale

SEEDS = Path(__file__).resolve().parents[1] / "dbt" / "seeds"


def main() -> None:
    indonesian = Locale("id").territories
    english = Locale("en").territories
    extra: dict[str, list[str]] = {}
    with (SEEDS / "country_short_forms.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            extra.setdefault(row["iso3"], []).append(row["alias"])
    rows = []
    for country in pycountry.countries:
        name_id = indonesian.get(country.alpha_2)
        if not name_id:
            continue
        aliases = {name_id, english.get(country.alpha_2, country.name), country.name}
        aliases.update(extra.get(country.alpha_3, []))
        aliases = {a for a in aliases if a and "," not in a}
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                "name_id": name_id,
                "name_en": english.get(country.alpha_2, country.name),
                "aliases": "|".join(sorted(aliases - {name_id})),
            }
        )
    rows.sort(key=lambda r: r["iso3"])
    with (SEEDS / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries")


if __name__ == "__main__":
    main()
