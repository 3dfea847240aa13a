#!/usr/bin/env python3
"""Write a small synthetic records.csv for testing linkage_benchmark.py.

Everything here is made up: names are built from random syllables, NHS numbers are in the
999 range that is never issued to patients (with a correct mod-11 check digit), postcodes
and streets are invented. Never real data.

The file has the columns the Java benchmark command exports:
record_id,true_person,carelake_person,nhs_group,nhs_number,given_name,family_name,
date_of_birth,sex,postcode,address

Each fake person gets a handful of records (one per feed/event), many of them exact copies
of an earlier one, the rest with the errors real feeds carry: typos, transposed or missing
NHS numbers, someone else's NHS number, day/month swaps, changed surnames, old addresses,
odd case, accents, postcode spacing. `carelake_person` is the truth with a few deliberate
mistakes (split persons, wrong merges, unassigned records), so the CareLake column of the
benchmark has known, non-perfect figures.

    python make_fixture.py --people 2000 --out records.csv [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = [
    "record_id", "true_person", "carelake_person", "nhs_group", "nhs_number", "given_name",
    "family_name", "date_of_birth", "sex", "postcode", "address",
]

FEEDS = ["gp", "acute", "mh", "community", "asc", "ooh"]
# How each feed tends to case names.
FEED_CASE = {"gp": "title", "acute": "upper", "mh": "title", "community": "upper",
             "asc": "lower", "ooh": "title"}

ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n",
          "p", "pr", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "y", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ie", "oo", "ou", "y"]
CODAS = ["", "", "", "n", "l", "r", "s", "th", "m", "nd", "rt", "ck", "x", "ss", "ll"]
SURNAME_ENDINGS = ["", "", "son", "ton", "ley", "ford", "well", "wood", "er", "man", "ham"]
STREET_TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Grove", "Way"]
ABBREVIATIONS = {"Road": "Rd", "Street": "St", "Lane": "Ln", "Avenue": "Ave", "Close": "Cl",
                 "Drive": "Dr", "Grove": "Gr", "Way": "Wy"}
TOWNS = ["Northby", "Eastholme", "Westfold", "Southam Vale", "Millbrook", "Highcross"]
AREAS = ["M", "OL", "BL", "SK", "WN", "WA"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
ACCENTS = {"e": "é", "a": "á", "o": "ö", "u": "ü", "i": "ï", "c": "ç", "n": "ñ"}


def nhs_check_digit(first9: str) -> int | None:
    """Mod-11 check digit of an NHS number, or None when the digits cannot be completed."""
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_is_valid(number: str) -> bool:
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 10:
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


@dataclass
class Household:
    postcode: str
    address: str
    surname: str


@dataclass
class Person:
    pid: int
    nhs: str
    forename: str
    surname: str
    dob: dt.date
    sex: str
    household: Household
    old_household: Household | None = None
    maiden_name: str | None = None
    emitted: list[tuple] = field(default_factory=list)


class Generator:
    def __init__(self, people: int, seed: int):
        self.rng = random.Random(seed)
        self.people_count = people
        self.used_nhs: set[str] = set()
        self.used_postcodes: set[str] = set()
        self._cum_weights: dict[int, list[float]] = {}
        self.forenames = {"F": self._name_pool(max(60, min(600, people // 20)), 2),
                          "M": self._name_pool(max(60, min(600, people // 20)), 2)}
        self.surnames = self._name_pool(max(150, min(20000, people // 6)), 2, surname=True)
        self.streets = self._name_pool(max(50, people // 40), 2)

    # -- made-up vocabulary --------------------------------------------------------------
    def _syllable(self) -> str:
        r = self.rng
        return r.choice(ONSETS) + r.choice(VOWELS) + r.choice(CODAS)

    def _name_pool(self, size: int, max_syllables: int, surname: bool = False) -> list[str]:
        pool: set[str] = set()
        while len(pool) < size:
            name = "".join(self._syllable() for _ in range(self.rng.randint(1, max_syllables)))
            if surname:
                name += self.rng.choice(SURNAME_ENDINGS)
            if 3 <= len(name) <= 12:
                pool.add(name.capitalize())
        names = sorted(pool)
        self.rng.shuffle(names)  # popularity must not follow the alphabet
        return names

    def _zipf_pick(self, pool: list[str]) -> str:
        # Zipf-like popularity (weight 1/(rank+10)): a few common names, a long tail.
        cum = self._cum_weights.get(id(pool))
        if cum is None:
            cum, total = [], 0.0
            for rank in range(len(pool)):
                total += 1.0 / (rank + 10)
                cum.append(total)
            self._cum_weights[id(pool)] = cum
        return self.rng.choices(pool, cum_weights=cum)[0]

    def new_nhs(self) -> str:
        while True:
            first9 = "999" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
            check = nhs_check_digit(first9)
            if check is None:
                continue
            number = first9 + str(check)
            if number not in self.used_nhs:
                self.used_nhs.add(number)
                return number

    def new_postcode(self) -> str:
        while True:
            pc = (f"{self.rng.choice(AREAS)}{self.rng.randint(1, 40)} "
                  f"{self.rng.randint(0, 9)}{self.rng.choice(INWARD_LETTERS)}"
                  f"{self.rng.choice(INWARD_LETTERS)}")
            if pc not in self.used_postcodes:
                self.used_postcodes.add(pc)
                return pc

    def new_household(self, surname: str) -> Household:
        r = self.rng
        address = f"{r.randint(1, 250)} {r.choice(self.streets)} {r.choice(STREET_TYPES)}"
        if r.random() < 0.3:
            address += f", {r.choice(TOWNS)}"
        return Household(self.new_postcode(), address, surname)

    def random_dob(self) -> dt.date:
        start = dt.date(1925, 1, 1).toordinal()
        end = dt.date(2024, 12, 31).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    # -- population ----------------------------------------------------------------------
    def people(self) -> list[Person]:
        r = self.rng
        out: list[Person] = []
        pid = 1
        while len(out) < self.people_count:
            hh = self.new_household(self._zipf_pick(self.surnames))
            size = min(r.choice([1, 1, 2, 2, 2, 3, 3, 4, 5]), self.people_count - len(out))
            twins = size >= 2 and r.random() < 0.04
            twin_dob = self.random_dob()
            for member in range(size):
                sex = r.choice("MF") if r.random() > 0.005 else "I"
                forename = self._zipf_pick(self.forenames["F" if sex == "F" else "M"])
                surname = hh.surname if r.random() < 0.85 else self._zipf_pick(self.surnames)
                dob = twin_dob if twins and member < 2 else self.random_dob()
                person = Person(pid, self.new_nhs(), forename, surname, dob, sex, hh)
                if r.random() < 0.12:
                    person.old_household = self.new_household(surname)
                if sex == "F" and r.random() < 0.05:
                    person.maiden_name = self._zipf_pick(self.surnames)
                out.append(person)
                pid += 1
        return out

    # -- corruption helpers ---------------------------------------------------------------
    def typo(self, s: str) -> str:
        r = self.rng
        if len(s) < 2:
            return s
        i = r.randrange(len(s) - 1)
        kind = r.random()
        letters = "abcdefghijklmnopqrstuvwxyz"
        if kind < 0.3:  # substitution
            repl = r.choice(letters)
            return s[:i] + (repl.upper() if s[i].isupper() else repl) + s[i + 1:]
        if kind < 0.55:  # deletion
            return s[:i] + s[i + 1:]
        if kind < 0.8:  # insertion
            return s[:i] + r.choice(letters) + s[i:]
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]  # transposition

    def accent(self, s: str) -> str:
        positions = [i for i, ch in enumerate(s) if ch.lower() in ACCENTS]
        if not positions:
            return s
        i = self.rng.choice(positions)
        ch = ACCENTS[s[i].lower()]
        return s[:i] + (ch.upper() if s[i].isupper() else ch) + s[i + 1:]

    def case(self, s: str, style: str) -> str:
        if style == "upper":
            return s.upper()
        if style == "lower":
            return s.lower()
        return s

    def nhs_variant(self, person: Person, population: list[Person]) -> str:
        r = self.rng
        u = r.random()
        nhs = person.nhs
        if u < 0.08:
            return ""
        if u < 0.095:  # one digit mistyped
            i = r.randrange(10)
            return nhs[:i] + str((int(nhs[i]) + r.randint(1, 9)) % 10) + nhs[i + 1:]
        if u < 0.105:  # adjacent digits transposed
            i = r.randrange(3, 9)
            return nhs[:i] + nhs[i + 1] + nhs[i] + nhs[i + 2:]
        if u < 0.11:  # someone else's number
            return r.choice(population).nhs
        fmt = r.random()
        if fmt < 0.15:
            return f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
        if fmt < 0.2:
            return f"{nhs[:3]}-{nhs[3:6]}-{nhs[6:]}"
        return nhs

    def dob_variant(self, dob: dt.date) -> str:
        r = self.rng
        u = r.random()
        if u < 0.02:
            return ""
        if u < 0.04 and dob.day <= 12 and dob.day != dob.month:
            return f"{dob.year:04d}-{dob.day:02d}-{dob.month:02d}"
        if u < 0.06:  # one digit wrong, kept only if still a date
            s = dob.isoformat()
            for _ in range(10):
                i = r.choice([2, 3, 5, 6, 8, 9])
                cand = s[:i] + str(r.randint(0, 9)) + s[i + 1:]
                try:
                    dt.date.fromisoformat(cand)
                except ValueError:
                    continue
                if cand != s:
                    return cand
            return s
        if u < 0.065:
            try:
                return dob.replace(year=dob.year + r.choice([-1, 1])).isoformat()
            except ValueError:
                return dob.isoformat()
        return dob.isoformat()

    def postcode_variant(self, pc: str) -> str:
        r = self.rng
        u = r.random()
        if u < 0.03:
            return ""
        if u < 0.04:
            compact = pc.replace(" ", "")
            i = r.randrange(len(compact) - 1)
            alnum = "0123456789" if compact[i].isdigit() else INWARD_LETTERS
            compact = compact[:i] + r.choice(alnum) + compact[i + 1:]
            return compact[:-3] + " " + compact[-3:]
        if u < 0.15:
            return pc.replace(" ", "")
        if u < 0.22:
            return pc.lower()
        if u < 0.25:
            return " " + pc.replace(" ", "  ") + " "
        return pc

    def address_variant(self, address: str, style: str) -> str:
        r = self.rng
        u = r.random()
        if u < 0.15:
            return ""
        if u < 0.35:
            for full, short in ABBREVIATIONS.items():
                address = address.replace(full, short)
        if r.random() < 0.05:
            address = self.typo(address)
        return self.case(address, style)

    # -- records -----------------------------------------------------------------------------
    def records_for(self, person: Person, population: list[Person]) -> list[tuple]:
        r = self.rng
        n = 1 + min(7, _poisson(r, 2.0))
        rows = []
        for _ in range(n):
            feed = r.choice(FEEDS)
            if person.emitted and r.random() < 0.45:
                rows.append(r.choice(person.emitted))
                continue
            style = FEED_CASE[feed]
            forename, surname = person.forename, person.surname
            if person.maiden_name and r.random() < 0.4:
                surname = person.maiden_name
            if r.random() < 0.04:
                forename = self.typo(forename)
            if r.random() < 0.015 and len(forename) > 4:
                forename = forename[:3]
            if r.random() < 0.04:
                surname = self.typo(surname)
            if r.random() < 0.03:
                forename = self.accent(forename)
            if r.random() < 0.03:
                surname = self.accent(surname)
            if r.random() < 0.03:
                surname = surname + "-" + self._zipf_pick(self.surnames)
            forename, surname = self.case(forename, style), self.case(surname, style)
            if r.random() < 0.01:
                forename, surname = surname, forename
            if r.random() < 0.01:
                forename = ""
            if r.random() < 0.005:
                surname = ""
            hh = person.household
            if person.old_household and r.random() < 0.4:
                hh = person.old_household
            sex = person.sex
            us = r.random()
            if us < 0.02:
                sex = ""
            elif us < 0.03:
                sex = "U"
            row = (
                self.nhs_variant(person, population), forename, surname,
                self.dob_variant(person.dob), sex, self.postcode_variant(hh.postcode),
                self.address_variant(hh.address, style),
            )
            person.emitted.append(row)
            rows.append(row)
        return rows


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method; lam is small.
    import math
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _opaque_key(value: str) -> str:
    return "CL" + hashlib.sha1(value.encode()).hexdigest()[:14]


MAX_PEOPLE = 500_000  # the 999 range holds ~909,000 valid NHS numbers; stay well inside


def make_fixture(path: str | Path, people: int = 2000, seed: int = 7) -> dict:
    """Write the fixture CSV; returns a small summary (counts only)."""
    if not 1 <= people <= MAX_PEOPLE:
        raise ValueError(f"people must be between 1 and {MAX_PEOPLE:,}")
    gen = Generator(people, seed)
    rng = random.Random(seed + 1)
    population = gen.people()
    rows = []
    for person in population:
        for ident in gen.records_for(person, population):
            rows.append((person, ident))
    rng.shuffle(rows)

    # CareLake's assignment: the truth, with deliberate errors.
    key_of_person = {p.pid: _opaque_key(f"person-{p.pid}") for p in population}
    merged = 0
    for p in population:
        if rng.random() < 0.003:  # wrongly merged into someone else's key
            other = rng.choice(population)
            if other.pid != p.pid:
                key_of_person[p.pid] = key_of_person[other.pid]
                merged += 1
    out_rows = []
    split_persons: set[int] = set()
    blank = 0
    for i, (person, ident) in enumerate(rows):
        key = key_of_person[person.pid]
        u = rng.random()
        if u < 0.004:
            key, blank = "", blank + 1
        elif u < 0.012:
            key = _opaque_key(f"split-{i}")
            split_persons.add(person.pid)
        nhs_raw = ident[0]
        nhs_digits = "".join(ch for ch in nhs_raw if ch.isdigit())
        group = "nhs" if nhs_is_valid(nhs_raw) and nhs_digits == person.nhs else "other"
        out_rows.append((f"R{i + 1:07d}", str(person.pid), key, group, *ident))

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(out_rows)
    return {"people": len(population), "records": len(out_rows), "merged_people": merged,
            "records_split_off": len(split_persons), "blank_keys": blank}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--out", default="records.csv")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if not 1 <= args.people <= MAX_PEOPLE:
        ap.error(f"--people must be between 1 and {MAX_PEOPLE:,} (NHS numbers come from the "
                 "never-issued 999 range)")
    summary = make_fixture(args.out, args.people, args.seed)
    print(f"wrote {args.out}: {summary['records']} records of {summary['people']} fake people",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
