#!/usr/bin/env python3
"""Write municipalities.csv, the user-dictionary rows for municipality names.

    python3 dictionaries/user/gen_municipalities.py > dictionaries/user/municipalities.csv

Source: dictionaries/municipalities/municipalities.csv (CC0, see its README).
Each name becomes a full 13-column IPADIC row (名詞,固有名詞,地域,一般 with the
place-name context id 1293 and a real cost), so it competes with IPADIC's own
words instead of always winning as the 3-column simple rows do. The hiragana
stem of each city's reading (かわさき for 川崎市) is added too: plan titles
write city names in kana, and IPADIC reads かわさき as the verb かわす.
"""
import csv
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent / "municipalities" / "municipalities.csv"
PLACE_ID = 1293   # 名詞,固有名詞,地域,一般 in IPADIC's matrix
NAME_COST = 3000  # cheaper than IPADIC's place names (~8000): a full name wins
KANA_COST = 4000


def katakana(s):
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in s)


def row(surface, cost, reading):
    k = katakana(reading)
    return [surface, PLACE_ID, PLACE_ID, cost, "名詞", "固有名詞", "地域", "一般", "*", "*", surface, k, k]


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    seen = set()
    with SRC.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            name, kana = rec["name"], rec["kana"]
            if " " in name or not name:
                continue  # wards of designated cities: "札幌市 中央区"
            if name not in seen:
                seen.add(name)
                out.writerow(row(name, NAME_COST, kana))
            for suffix in ("し", "まち", "ちょう", "むら", "そん", "く"):
                if kana.endswith(suffix):
                    stem = kana[: -len(suffix)]
                    if len(stem) >= 3 and stem not in seen:
                        seen.add(stem)
                        out.writerow(row(stem, KANA_COST, stem))
                    break


if __name__ == "__main__":
    main()
