"""Ordinals spelled out in French and English, for generated tests (11th to 99th)."""

_FR_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
             "treize", "quatorze", "quinze", "seize"]
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante", 80: "quatre-vingt"}
_EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
            90: "ninety"}
_EN_ORDINAL_ONES = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                    "nine": "ninth", "twelve": "twelfth"}


def french_cardinal(n: int) -> str:
    if n <= 16:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    tens = 60 if 60 <= n < 80 else 80 if n >= 80 else n // 10 * 10
    rest = n - tens
    if rest == 0:
        return "quatre-vingts" if tens == 80 else _FR_TENS[tens]
    if rest in (1, 11) and tens != 80:
        return f"{_FR_TENS[tens]} et {french_cardinal(rest)}"
    return f"{_FR_TENS[tens]}-{french_cardinal(rest)}"


def french_ordinal(n: int) -> str:
    cardinal = french_cardinal(n)
    if cardinal.endswith("quatre-vingts"):
        return cardinal[:-1] + "ième"
    if cardinal.endswith("cinq"):
        return cardinal + "uième"
    if cardinal.endswith("neuf"):
        return cardinal[:-1] + "vième"
    return (cardinal[:-1] if cardinal.endswith("e") else cardinal) + "ième"


def english_ordinal(n: int) -> str:
    if n < 20:
        word = _EN_ONES[n]
        return _EN_ORDINAL_ONES.get(word, word + "th")
    tens, ones = n // 10 * 10, n % 10
    if ones == 0:
        return _EN_TENS[tens][:-1] + "ieth"
    word = _EN_ONES[ones]
    return f"{_EN_TENS[tens]}-{_EN_ORDINAL_ONES.get(word, word + 'th')}"
