"""What a figure means besides its digits, per language: qualifiers, units, months, day periods.

The data the quantity reader (`quantities`) looks words up in. Keys are spelled as
`number_words.fold_text` spells text (case, accents and Arabic hamza seats, ة/ه, ى/ي folded), so
that a lookup needs no second spelling.
"""

from __future__ import annotations

from briefing.quality.number_words import fold_text

# A qualifier's family, and the directions a translation of it may take: "nearly 300" may be
# "près de 300" or "environ 300", never "plus de 300".
MORE, LEAST, LESS, MOST, ABOUT, NEARLY = "more", "least", "less", "most", "about", "nearly"
DIRECTIONS = {MORE: {"above"}, LEAST: {"above"}, LESS: {"below"}, MOST: {"below"}, ABOUT: {"about"},
              NEARLY: {"about", "below"}}

# Qualifiers written before a figure ("more than 300", "plus d'un millier", "بأكثر من 300").
_BEFORE = {
    "en": {MORE: ["more than", "over", "above", "upwards of", "in excess of", "greater than", "just over",
                  "well over", "exceeding", "more then"],
           LEAST: ["at least", "no fewer than", "no less than", "not less than", "a minimum of", "not fewer than"],
           LESS: ["less than", "fewer than", "under", "below", "just under", "lower than"],
           MOST: ["up to", "as many as", "as much as", "at most", "no more than", "not more than", "a maximum of"],
           ABOUT: ["about", "around", "approximately", "roughly", "some", "an estimated", "circa",
                   "approx", "in the region of", "on the order of"],
           NEARLY: ["nearly", "almost", "close to", "approaching", "nearing", "just shy of", "not quite"]},
    "fr": {MORE: ["plus de", "plus d'", "au-dela de", "au dela de", "superieur a", "superieure a", "superieurs a",
                  "superieures a", "depassant", "depasse", "depassent", "a depasse", "ont depasse", "un peu plus de",
                  "bien plus de", "largement plus de", "plus que", "excede", "excedant", "davantage que",
                  "au-dessus de", "au dessus de", "au-dessus d'", "au dessus d'", "plus d'un", "plus d'une"],
           LEAST: ["au moins", "pas moins de", "pas moins d'", "au minimum", "minimum", "un minimum de"],
           LESS: ["moins de", "moins d'", "inferieur a", "inferieure a", "inferieurs a", "inferieures a",
                  "un peu moins de", "en deca de", "sous la barre de", "sous les", "moins que", "en dessous de",
                  "en dessous d'", "au-dessous de", "sous"],
           MOST: ["jusqu'a", "au plus", "au maximum", "pas plus de", "pas plus d'", "jusqu'a concurrence de",
                  "un maximum de", "maximum", "atteindre", "peut atteindre", "pourrait atteindre", "atteignant",
                  "allant jusqu'a", "pouvant atteindre", "jusqu'aux"],
           ABOUT: ["environ", "quelque", "autour de", "approximativement", "a peu pres", "de l'ordre de",
                   "aux alentours de", "vers", "grosso modo", "dans les", "aux environs de", "env", "estime que",
                   "estiment que", "estimait que", "selon les estimations"],
           NEARLY: ["pres de", "presque", "quasiment", "quasi", "pas loin de", "frolant", "frole", "avoisinant",
                    "avoisine", "approchant", "approche", "pres d'", "a peine moins de"]},
    "ar": {MORE: ["اكثر من", "ما يزيد على", "ما يزيد عن", "يزيد على", "يزيد عن", "تزيد على", "تزيد عن",
                  "ما يربو على", "يربو على", "ما يزيد قليلا عن", "ما يزيد قليلا على", "يزيد قليلا عن",
                  "يزيد قليلا على", "لما يزيد عن", "لما يزيد على", "يفوق", "ما يفوق", "تفوق", "ازيد من", "فوق",
                  "تجاوز", "يتجاوز", "تتجاوز", "تخطى", "يتخطى", "تتخطى", "فاق", "اعلى من", "ما فوق", "تجاوزت", "تخطت",
                  "فاقت"],
           LEAST: ["ما لا يقل عن", "لا يقل عن", "لا تقل عن", "على الاقل", "ما لا يقل على", "كحد ادنى"],
           LESS: ["اقل من", "ما يقل عن", "دون", "ادنى من", "يقل عن", "تقل عن"],
           MOST: ["حتى", "ما يصل الى", "يصل الى", "تصل الى", "ما لا يزيد على", "ما لا يزيد عن", "لا يزيد على",
                  "لا يزيد عن", "على الاكثر", "كحد اقصى", "لغايه", "ما يبلغ"],
           ABOUT: ["نحو", "حوالي", "حوالى", "زهاء", "تقريبا", "ما يقدر ب", "يقدر ب", "تقدر ب", "ما يقرب من",
                   "في حدود", "بحدود", "قدره", "قدرها", "يقدر بنحو"],
           NEARLY: ["قرابه", "ما يقارب", "يقارب", "تقارب", "ما يناهز", "يناهز", "تناهز", "قرابه ال",
                    "شبه", "ما يقرب"]},
}
# Qualifiers written after a figure ("300 or more", "300 personnes au moins", "300 شخص على الأقل").
_AFTER = {
    "en": {MORE: ["or more", "and more", "plus", "and up", "and above", "or over"], LEAST: ["at least"],
           MOST: ["or less", "or fewer", "at most", "at the most"],
           ABOUT: ["or so", "approximately", "roughly", "odd", "or thereabouts"]},
    "fr": {MORE: ["ou plus", "et plus", "voire plus", "voire meme plus", "voire davantage", "et davantage", "passes",
                  "bien sonnes"],
           LEAST: ["au moins", "au minimum"], MOST: ["au plus", "au maximum", "ou moins", "tout au plus"],
           ABOUT: ["environ", "a peu pres", "approximativement", "et quelques", "ou presque"]},
    "ar": {MORE: ["او اكثر", "فاكثر", "وما فوق", "ونيف", "ونيفا", "او يزيد", "او ما يزيد"],
           LEAST: ["على الاقل", "كحد ادنى"],
           MOST: ["على الاكثر", "كحد اقصى", "او اقل", "فاقل"], ABOUT: ["تقريبا", "او نحو ذلك"]},
}


def _folded(table: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, str]]:
    return {lang: {fold_text(phrase): family for family, phrases in families.items() for phrase in phrases}
            for lang, families in table.items()}


QUALIFIERS_BEFORE = _folded(_BEFORE)
QUALIFIERS_AFTER = _folded(_AFTER)

# Units: each written form names one or more unit ids ("pounds" is a weight or a currency;
# "$" any dollar). Physical ids convert through a base unit per dimension.
PHYSICAL = {  # id: (dimension, size in the base unit: m, kg, m², l, km/h)
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mi": ("length", 1609.344), "ft": ("length", 0.3048), "in": ("length", 0.0254), "yd": ("length", 0.9144),
    "nmi": ("length", 1852.0),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "t": ("mass", 1000.0), "lb": ("mass", 0.45359237),
    "oz": ("mass", 0.028349523),
    "km2": ("area", 1e6), "m2": ("area", 1.0), "ha": ("area", 1e4), "acre": ("area", 4046.8564),
    "sqmi": ("area", 2589988.1), "dunam": ("area", 1000.0), "feddan": ("area", 4200.8),
    "l": ("volume", 1.0), "ml": ("volume", 0.001), "gal": ("volume", 3.785411784), "bbl": ("volume", 158.987295),
    "m3": ("volume", 1000.0),
    "kmh": ("speed", 1.0), "mph": ("speed", 1.609344), "kn": ("speed", 1.852), "ms": ("speed", 3.6),
    "kms": ("speed", 3600.0),
    "degc": ("temperature", 1.0), "degf": ("temperature", 1.0),
}
_POUND = ("lb", "pound")  # a weight, or a pound sterling, Egyptian, Syrian or Lebanese
_UNITS = {
    "en": {
        ("km",): ["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "kilometre-long",
                  "kilometer-long"],
        ("m",): ["m", "metres", "meters", "metre", "meter"], ("cm",): ["cm", "centimetres", "centimeters"],
        ("mm",): ["mm", "millimetres", "millimeters"], ("mi",): ["miles", "mile", "mi", "mile-long"],
        ("ft",): ["feet", "foot", "ft", "foot-tall", "foot-high", "foot-long"], ("in",): ["inches", "inch"],
        ("yd",): ["yards", "yard", "yd"], ("nmi",): ["nautical miles", "nautical mile"],
        ("kg",): ["kg", "kgs", "kilograms", "kilogrammes", "kilogram", "kilos", "kilo"],
        ("g",): ["g", "grams", "grammes", "gram"], ("t",): ["tonnes", "tonne", "tons", "ton", "metric tons"],
        _POUND: ["pounds", "pound", "lb", "lbs"], ("oz",): ["ounces", "ounce", "oz"],
        ("km2",): ["square kilometres", "square kilometers", "sq km", "km2", "km²", "square km"],
        ("m2",): ["square metres", "square meters", "m2", "m²", "sq m"], ("ha",): ["hectares", "hectare", "ha"],
        ("acre",): ["acres", "acre"], ("sqmi",): ["square miles", "sq miles", "sq mi", "square mile"],
        ("l",): ["litres", "liters", "litre", "liter"], ("gal",): ["gallons", "gallon", "gal"],
        ("bbl",): ["barrels", "barrel"], ("m3",): ["cubic metres", "cubic meters", "m3", "m³"],
        ("kmh",): ["km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour", "kilometres an hour",
                   "kilometers an hour", "km/hour", "kilometres/hour", "kilometers/hour"],
        ("mph",): ["mph", "miles per hour", "miles an hour", "miles/hour", "mi/h"], ("kn",): ["knots", "knot"],
        ("ms",): ["m/s", "metres per second", "meters per second"], ("kms",): ["km/s", "kilometres per second",
                                                                           "kilometers per second"],
        ("dollar",): ["dollars", "dollar", "usd"], ("euro",): ["euros", "euro", "eur"],
        ("gbp", "pound"): ["pounds sterling", "sterling", "gbp"], ("yen", "yuan"): ["yen", "yuan", "renminbi"],
        ("lira", "pound"): ["lira", "liras", "lire"],
    },
    "fr": {
        ("km",): ["km", "kilometres", "kilometre"], ("m",): ["m", "metres", "metre"],
        ("cm",): ["cm", "centimetres", "centimetre"], ("mm",): ["mm", "millimetres"],
        ("mi",): ["milles", "miles"], ("ft",): ["pieds", "pied"], ("in",): ["pouces", "pouce"],
        ("yd",): ["verges", "yards"], ("nmi",): ["milles nautiques", "milles marins", "mille nautique"],
        ("kg",): ["kg", "kilogrammes", "kilogramme", "kilos", "kilo"], ("g",): ["g", "grammes", "gramme"],
        ("t",): ["tonnes", "tonne", "t"], _POUND: ["livres", "livre"], ("oz",): ["onces", "once"],
        ("km2",): ["kilometres carres", "km2", "km²", "kilometre carre", "km carres", "km carre"],
        ("m2",): ["metres carres", "m2", "m²", "metre carre", "m carres"], ("ha",): ["hectares", "hectare", "ha"],
        ("acre",): ["acres", "acre"], ("sqmi",): ["milles carres", "miles carres"],
        ("l",): ["litres", "litre", "l"], ("gal",): ["gallons", "gallon"], ("bbl",): ["barils", "baril"],
        ("m3",): ["metres cubes", "m3", "m³"],
        ("kmh",): ["km/h", "kilometres a l'heure", "kilometres par heure", "kilometres-heure", "km a l'heure",
                   "km/heure", "kilometres/heure"],
        ("mph",): ["milles a l'heure", "miles a l'heure", "milles par heure", "miles par heure", "mph", "miles/heure",
                   "milles/heure"],
        ("kn",): ["noeuds", "nœuds"],
        ("ms",): ["m/s", "metres par seconde", "metres/seconde"], ("kms",): ["km/s", "kilometres par seconde"],
        ("dollar",): ["dollars", "dollar", "usd"], ("euro",): ["euros", "euro", "eur"],
        ("gbp", "pound"): ["livres sterling", "livre sterling", "gbp"],
        ("yen", "yuan"): ["yens", "yen", "yuans", "yuan"], ("lira", "pound"): ["lires", "lire", "livres turques"],
    },
    "ar": {
        ("km",): ["كم", "كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كيلو متر", "كيلو مترا", "كيلو مترات"],
        ("m",): ["متر", "مترا", "امتار", "م"],
        ("cm",): ["سم", "سنتيمتر", "سنتيمترا", "سنتيمترات", "سنتمتر"], ("mm",): ["ملم", "مم", "مليمتر"],
        ("mi",): ["ميل", "ميلا", "اميال"], ("ft",): ["قدم", "قدما", "اقدام"],
        ("in",): ["بوصه", "بوصات", "انش", "انشات", "انشا"], ("yd",): ["يارده", "ياردات"],
        ("nmi",): ["ميل بحري", "ميلا بحريا", "اميال بحريه"],
        ("kg",): ["كغ", "كلغ", "كغم", "كجم", "كلجم", "كيلوغرام", "كيلوغراما", "كيلوغرامات", "كيلو", "كيلوجرام",
                  "كيلوجراما"],
        ("g",): ["غرام", "غراما", "غرامات", "جرام", "جراما"], ("t",): ["طن", "طنا", "اطنان"],
        ("lb",): ["رطل", "رطلا", "ارطال"], ("oz",): ["اونصه", "اونصات"],
        ("km2",): ["كيلومتر مربع", "كيلومترا مربعا", "كيلومترات مربعه", "كم مربع", "كم2", "كم²"],
        ("m2",): ["متر مربع", "مترا مربعا", "امتار مربعه", "م2", "م²"], ("ha",): ["هكتار", "هكتارا", "هكتارات"],
        ("acre",): ["ايكر", "اكر"], ("sqmi",): ["ميل مربع", "ميلا مربعا", "اميال مربعه"],
        ("feddan",): ["فدان", "فدانا", "افدنه"], ("dunam",): ["دونم", "دونما", "دونمات"],
        ("l",): ["لتر", "لترا", "لترات", "ليتر", "ليترا", "ليترات"], ("gal",): ["غالون", "غالونا", "غالونات", "جالون"],
        ("bbl",): ["برميل", "برميلا", "براميل"], ("m3",): ["متر مكعب", "مترا مكعبا", "امتار مكعبه", "م3"],
        ("kmh",): ["كم/س", "كم/ساعه", "كم في الساعه", "كيلومتر في الساعه", "كيلومترا في الساعه",
                   "كيلومترات في الساعه", "كم في ساعه", "كيلومتر في ساعه", "كيلومترا في ساعه", "كم/سا"],
        ("ms",): ["م/ث", "متر في الثانيه", "مترا في الثانيه", "امتار في الثانيه"],
        ("kms",): ["كم/ث", "كيلومتر في الثانيه", "كيلومترا في الثانيه", "كيلومترات في الثانيه"],
        ("mph",): ["ميل في الساعه", "ميلا في الساعه", "اميال في الساعه", "ميل/س", "ميل/ساعه", "ميلا في ساعه"],
        ("kn",): ["عقده", "عقدة"],
        ("dollar",): ["دولار", "دولارا", "دولارات", "دولاراً"], ("euro",): ["يورو"],
        ("gbp", "pound"): ["جنيه استرليني", "جنيها استرلينيا", "جنيهات استرلينيه", "استرليني"],
        ("pound",): ["جنيه", "جنيها", "جنيهات"], ("lira", "pound"): ["ليره", "ليرات"],
        ("yen", "yuan"): ["ين", "يوان"],
    },
}
UNITS = {lang: {fold_text(form): frozenset(ids) for ids, forms in table.items() for form in forms}
         for lang, table in _UNITS.items()}
# Signs and codes written before a figure ($4.2 million, US$ 30, € 3, £11m).
CURRENCY_BEFORE = {"$": frozenset({"dollar"}), "us$": frozenset({"dollar"}), "usd": frozenset({"dollar"}),
                   "€": frozenset({"euro"}), "eur": frozenset({"euro"}), "£": frozenset({"gbp", "pound"}),
                   "gbp": frozenset({"gbp", "pound"}), "¥": frozenset({"yen", "yuan"}),
                   "c$": frozenset({"dollar"}), "a$": frozenset({"dollar"}), "hk$": frozenset({"dollar"})}
CURRENCY_SIGNS_AFTER = {"$": frozenset({"dollar"}), "€": frozenset({"euro"}), "£": frozenset({"gbp", "pound"})}

# Abbreviated scales, where money or a count is written ($5m, £11m, 4,2 M€, 3 Md$, 1.7m people).
MONEY_SCALES = {"m": 1e6, "k": 1e3, "b": 1e9, "bn": 1e9, "mn": 1e6, "md": 1e9, "mds": 1e9, "mrd": 1e9}

# Month names as CLDR writes them (Babel: en, fr, ar; ar_SY/ar_IQ Levantine, ar_DZ, ar_MA and
# ar_MR Maghrebi); tests/quality/test_quantities.py checks this table against Babel's data.
MONTHS = {
    "en": [["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"],
           ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
           ["", "", "", "", "", "", "", "", "Sept", "", "", ""]],
    "fr": [["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre"],
           ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]],
    "ar": [["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
            "ديسمبر"],
           ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
            "تشرين الثاني", "كانون الأول"],
           ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
           ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"],
           ["يناير", "فبراير", "مارس", "إبريل", "مايو", "يونيو", "يوليو", "أغشت", "شتمبر", "أكتوبر", "نوفمبر", "دجمبر"],
           ["", "", "", "إبريل", "", "يونيه", "يوليه", "", "", "", "", ""]],
}
# Month names that are also common words (May, March, mars, مارس "he practised"): a month only
# next to a figure or after a word that introduces a date.
AMBIGUOUS_MONTHS = {"en": {"may", "march", "august", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                            "oct", "nov", "dec"},
                    "fr": {"mars", "mai", "sept"}, "ar": {"مارس", "ماي"}}
DATE_WORDS = {"en": {"in", "of", "since", "until", "by", "early", "late", "mid", "from", "to", "through", "during",
                     "last", "next", "this", "between", "and", "before", "after", "on", "till", "end", "start"},
              "fr": {"en", "de", "d'", "depuis", "jusqu'en", "fin", "debut", "mi", "mois", "au", "du", "le", "et",
                     "entre", "dernier", "prochain", "avant", "apres", "courant"},
              "ar": {"في", "شهر", "من", "منذ", "حتى", "اوائل", "اواخر", "منتصف", "مطلع", "بدايه", "نهايه", "خلال",
                     "الى", "و", "بين", "قبل", "بعد"}}

# Words after a time that set its half of the day ("11 h 45 du soir", "7.55 صباحا").
DAY_PERIODS = {"fr": {"du matin": "am", "du soir": "pm", "de l'apres-midi": "pm", "de la nuit": "night",
                      "dans la nuit": "night", "dans la soiree": "pm", "dans la matinee": "am"},
               "en": {"in the morning": "am", "in the evening": "pm", "in the afternoon": "pm", "at night": "night",
                      "tonight": "pm", "this morning": "am", "this afternoon": "pm", "this evening": "pm",
                      "that morning": "am", "that evening": "pm", "that night": "night", "last night": "night"}}
