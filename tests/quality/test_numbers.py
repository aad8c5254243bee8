"""Figures across notations: the same value written the French, Arabic or English way."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing.quality.numbers import CHANGED, MISSING, OK, compare, extract


def statuses(source, target, lang):
    return [(c.source.text, c.status) for c in compare(source, target, "en", lang)]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("More than 1,000 people died.", "Plus de 1 000 personnes sont mortes.", "fr"),
        ("More than 1,000 people died.", "Plus de 1\u202f000 personnes sont mortes.", "fr"),
        ("More than 1,000 people died.", "قتل أكثر من ١٬٠٠٠ شخص.", "ar"),
        ("More than 1,000 people died.", "قتل أكثر من 1000 شخص.", "ar"),
        ("Growth was 6.5 percent.", "La croissance a été de 6,5 %.", "fr"),
        ("Growth was 6.5 percent.", "بلغ النمو ٦٫٥ في المئة.", "ar"),
        ("It exploded at 11:35 pm.", "Il a explosé à 23 h 35.", "fr"),
        ("nine children and four women", "neuf enfants et quatre femmes", "fr"),
        ("nine children and four women", "تسعة أطفال وأربع نساء", "ar"),
        ("his 60th goal in 1995-96", "son 60e but en 1995-96", "fr"),
        ("in the 21st century", "au XXIe siècle", "fr"),
        ("a fortune of $2.3 billion", "une fortune de 2,3 milliards de dollars", "fr"),
        ("the 1,000th victim", "la millième victime", "fr"),
        ("He spoke for 2 hours.", "تحدث لمدة ساعتين.", "ar"),
        ("It was 20 kilometers (12 miles) away.", "C'était à 20 kilomètres.", "fr"),
        ("the last 15 years", "السنوات الخمسة عشر الأخيرة", "ar"),
        ("since the 1970s", "منذ السبعينيات", "ar"),
    ],
)
def test_equivalent_notations_are_ok(source, target, lang):
    assert all(status == OK for _, status in statuses(source, target, lang)), statuses(source, target, lang)


def test_changed_and_missing_figures_are_flagged():
    assert statuses("745 civilians and 125 officers", "745 civils et 152 agents", "fr") == [
        ("745", OK), ("125", CHANGED)]
    assert statuses("745 civilians and 125 officers", "745 civils et des agents", "fr") == [
        ("745", OK), ("125", MISSING)]
    assert statuses("nine children", "des enfants", "fr") == [("nine", MISSING)]


def test_identifiers_are_not_figures():
    assert [n.text for n in extract("COVID-19 hit the G20 and the A1GP team in 2020", "en")] == ["2020"]


def test_source_conventions_are_strict_target_ones_lenient():
    assert extract("1,000", "en", strict=True)[0].values == {1000.0}
    assert extract("1,000", "fr")[0].values == {1000.0, 1.0}
    assert extract("2008 400", "en", strict=True)[0].text == "2008"


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("The meeting starts at 12.00 GMT.", "La réunion commence à 12 h GMT.", "fr"),
        ("The meeting starts at 1200 GMT.", "La réunion commence à 12 h 00.", "fr"),
        ("It opens at 10:00am.", "Il ouvre à 10 heures du matin.", "fr"),
        ("the post-September 11, 2001 era", "l’ère de l’après-11 septembre 2001", "fr"),
        ("10 agents were hurt.", "dix agents ont été blessés.", "fr"),
        ("It rose 8 times.", "Il a augmenté huit fois.", "fr"),
        ("the 1800s", "le XIXe siècle", "fr"),
        ("the 1800s", "القرن التاسع عشر", "ar"),
        ("It measured 29¾ inches.", "Il mesurait 29 ¾ pouces.", "fr"),
        ("a hundred people", "مائة شخص", "ar"),
        ("a hundred people", "مئة شخص", "ar"),
        ("The H5N1 strain spread.", "La souche H5N1 s'est propagée.", "fr"),
        ("COVID-19 spread.", "انتشر كوفيد-19.", "ar"),
        ("Fossils from 4.2-3.9 million years ago.", "Des fossiles d'il y a 4,2 à 3,9 millions d'années.", "fr"),
        ("An impact of $300+ billion.", "Un impact de plus de 300 milliards de dollars.", "fr"),
        ("in the early '50s", "au début des années 1950", "fr"),
        ("You can ride for 1.5 hours.", "Vous pouvez voyager pendant 1h30.", "fr"),
        ("on 20.12.2012", "le 20 décembre 2012", "fr"),
        ("in the 1800s hours", "dans les 1800 heures", "fr"),  # a decade and a time at once (once raised)
    ],
)
def test_notations_that_once_raised_false_alarms(source, target, lang):
    assert all(status == OK for _, status in statuses(source, target, lang)), statuses(source, target, lang)


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        ("The H5N1 strain", "La souche H5N2", "fr", [("H5N1", CHANGED)]),
        ("an M16 rifle", "un fusil M17", "fr", [("M16", CHANGED)]),
        ("802.11n wifi", "le wifi 803.11n", "fr", [("802.11n", CHANGED)]),
        ("flight MS804", "le vol MS840", "fr", [("MS804", CHANGED)]),
        ("COVID-19", "كوفيد-18", "ar", [("COVID-19", CHANGED)]),
        ("one of two values, 0 or 1", "واحدة من قيمتين، وهما 0 أو 2", "ar", [("two", OK), ("0", OK), ("1", CHANGED)]),
    ],
)
def test_identifiers_and_paired_figures_report_what_changed(source, target, lang, expected):
    assert statuses(source, target, lang) == expected


# Figures a translator rewrites without changing them, by category: the consistent rendering,
# then the same with the figure changed (which must never pass).
CATEGORIES = [
    ("unit, miles", "The town is 10 miles away.", "fr", "La ville est à 16 km.", "La ville est à 26 km."),
    ("unit, feet", "He was 6 ft tall.", "fr", "Il mesurait 1,83 m.", "Il mesurait 2,83 m."),
    ("unit, pounds", "It weighed 220 pounds.", "ar", "كان وزنه 100 كغ.", "كان وزنه 150 كغ."),
    ("unit, acres", "They burned 100 acres.", "fr", "Ils ont brûlé 40 hectares.", "Ils ont brûlé 60 hectares."),
    ("unit, gallons", "Each family got 5 gallons.", "ar", "حصلت كل عائلة على 19 لترا.",
     "حصلت كل عائلة على 29 لترا."),
    ("temperature", "They waited in 90(F)-degree heat.", "fr", "Ils ont attendu sous 32 °C.",
     "Ils ont attendu sous 40 °C."),
    ("temperature, decade", "Temperatures were in the 80s.", "ar", "كانت الحرارة 27 درجة مئوية.",
     "كانت الحرارة 37 درجة مئوية."),
    ("ordinal", "It was the 34th session.", "fr", "C'était la 34e session.", "C'était la 35e session."),
    ("ordinal, Arabic words", "It was the 34th session.", "ar", "كانت الدورة الرابعة والثلاثين.",
     "كانت الدورة الرابعة والعشرين."),
    ("fraction", "Some 2/3 of voters stayed home.", "ar", "بقي ثلثا الناخبين في منازلهم.",
     "بقي ربع الناخبين في منازلهم."),
    ("fraction, words", "Two-thirds of voters stayed home.", "fr", "Les deux tiers des électeurs sont restés.",
     "Les trois quarts des électeurs sont restés."),
    ("world war", "He fought in WW1.", "fr", "Il a combattu pendant la Première Guerre mondiale.",
     "Il a combattu pendant la Seconde Guerre mondiale."),
    ("world war", "He fought in WWII.", "ar", "قاتل في الحرب العالمية الثانية.", "قاتل في الحرب العالمية الأولى."),
    ("time, am", "The blast came at 7.55am.", "ar", "وقع الانفجار في 7.55 صباحا.", "وقع الانفجار في 8.55 صباحا."),
    ("time, hour", "Shelling began at 04:00.", "ar", "بدأ القصف الساعة 4.", "بدأ القصف الساعة 5."),
    ("time, French hour", "Shelling began at 04:00.", "fr", "Le bombardement a commencé à la 4e heure.",
     "Le bombardement a commencé à la 5e heure."),
    ("phone", "Call 0800 555 111 for help.", "fr", "Appelez le 08 00 55 51 11.", "Appelez le 08 00 55 51 12."),
    ("elided year", "The coup of '53 is remembered.", "fr", "On se souvient du coup d'État de 1953.",
     "On se souvient du coup d'État de 1963."),
    ("unit, miles", "The town is 10 miles away.", "ar", "تبعد البلدة 16 كم.", "تبعد البلدة 26 كم."),
    ("unit, feet", "He was 6 ft tall.", "ar", "كان طوله 1.83 متر.", "كان طوله 2.83 متر."),
    ("unit, pounds", "It weighed 220 pounds.", "fr", "Il pesait 100 kg.", "Il pesait 150 kg."),
    ("unit, acres", "They burned 100 acres.", "ar", "أحرقوا 40 هكتارا.", "أحرقوا 60 هكتارا."),
    ("unit, gallons", "Each family got 5 gallons.", "fr", "Chaque famille a reçu 19 litres.",
     "Chaque famille a reçu 29 litres."),
    ("temperature", "They waited in 90(F)-degree heat.", "ar", "انتظروا في حرارة 32 درجة مئوية.",
     "انتظروا في حرارة 40 درجة مئوية."),
    ("temperature, decade", "Temperatures were in the 80s.", "fr", "Il faisait 27 °C.", "Il faisait 37 °C."),
    ("ordinal", "It was the 34th session.", "ar", "كانت الدورة 34.", "كانت الدورة 35."),
    ("fraction", "Some 2/3 of voters stayed home.", "fr", "Les deux tiers des électeurs sont restés.",
     "Le quart des électeurs est resté."),
    ("fraction, words", "Three quarters of them fled.", "ar", "فر ثلاثة أرباع منهم.", "فر ربع منهم."),
    ("time, am", "The blast came at 7.55am.", "fr", "L'explosion a eu lieu à 7 h 55.",
     "L'explosion a eu lieu à 8 h 55."),
    ("time, hour", "Shelling began at 04:00.", "fr", "Le bombardement a commencé à 4 heures.",
     "Le bombardement a commencé à 5 heures."),
    ("phone", "Call 0800 555 111 for help.", "ar", "اتصلوا بالرقم 0800 555 111.", "اتصلوا بالرقم 0800 555 112."),
    ("elided year", "The coup of '53 is remembered.", "ar", "يذكر الناس انقلاب 1953.", "يذكر الناس انقلاب 1963."),
    ("lone million", "A million people fled.", "fr", "Un million de personnes ont fui.",
     "Deux millions de personnes ont fui."),
    ("lone million", "A million people fled.", "ar", "فر مليون شخص.", "فر مليونا شخص."),
    ("round of", "They reached the last 16.", "fr", "Ils ont atteint les 8es de finale.",
     "Ils ont atteint les quarts de finale."),
]


@pytest.mark.parametrize(("category", "source", "lang", "consistent", "changed"), CATEGORIES,
                         ids=[f"{c[0]}-{c[2]}" for c in CATEGORIES])
def test_each_category_is_consistent_when_kept_and_caught_when_changed(category, source, lang, consistent, changed):
    assert {status for _, status in statuses(source, consistent, lang)} == {OK}, category
    assert {status for _, status in statuses(source, changed, lang)} & {CHANGED, MISSING}, category



# The exact factors: a conversion is judged at the precision the translator wrote (294.51 km is
# 295 or 294.5, never 294), so a generator with rounded factors would write wrong conversions.
UNITS = [("miles", "km", "كم", 1.609344), ("feet", "m", "متر", 0.3048), ("pounds", "kg", "كغ", 0.45359237),
         ("acres", "hectares", "هكتارا", 0.40468564), ("gallons", "litres", "لترا", 3.785411784)]


def _french(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") if value < 100 else f"{round(value)}"


@settings(max_examples=200, deadline=None)
@given(unit=st.sampled_from(UNITS), amount=st.integers(2, 900), lang=st.sampled_from(["fr", "ar"]),
       shift=st.sampled_from([0.7, 1.4, 2.0]))
def test_generated_conversions_pass_when_rounded_and_fail_when_changed(unit, amount, lang, shift):
    imperial, french, arabic, factor = unit
    metric = amount * factor
    written = _french(metric) if lang == "fr" else (f"{metric:.1f}" if metric < 100 else f"{round(metric)}")
    source = f"They covered {amount} {imperial} on Friday."
    target = f"Ils ont parcouru {written} {french} vendredi." if lang == "fr" else f"قطعوا {written} {arabic} الجمعة."
    assert {s for _, s in statuses(source, target, lang)} == {OK}, (source, target)
    changed = metric * shift
    wrong = _french(changed) if lang == "fr" else (f"{changed:.1f}" if changed < 100 else f"{round(changed)}")
    target = target.replace(written, wrong)
    assert {s for _, s in statuses(source, target, lang)} & {CHANGED, MISSING}, (source, target)


@settings(max_examples=200, deadline=None)
@given(fahrenheit=st.integers(-20, 120), lang=st.sampled_from(["fr", "ar"]), off=st.sampled_from([5, -6, 11]))
def test_generated_temperatures_pass_when_converted_and_fail_when_changed(fahrenheit, lang, off):
    celsius = round((fahrenheit - 32) * 5 / 9)
    assume(abs(celsius + off) != abs(fahrenheit))  # figures are compared without their sign: -8 °C is the 8 of 8 °F
    source = f"Temperatures reached {fahrenheit}°F."
    unit = "°C" if lang == "fr" else "درجة مئوية"
    assert {s for _, s in statuses(source, f"La température a atteint {celsius} {unit}.", lang)} == {OK}
    assert {s for _, s in statuses(source, f"La température a atteint {celsius + off} {unit}.", lang)} & {CHANGED}


def _in_pairs(digits: str) -> str:
    """As French writes a phone number: pairs of digits (three first, when the count is odd)."""
    head = 3 if len(digits) % 2 else 2
    return " ".join([digits[:head], *(digits[i:i + 2] for i in range(head, len(digits), 2))])


@settings(max_examples=200, deadline=None)
@given(groups=st.lists(st.integers(10, 9999), min_size=3, max_size=4), regroup=st.booleans(),
       position=st.integers(0, 100))
def test_generated_phone_numbers_are_compared_digit_by_digit(groups, regroup, position):
    number = "0" + " ".join(str(g) for g in groups)
    digits = number.replace(" ", "")
    assume(len(digits) <= 15)  # the longest phone numbers (E.164)
    written = _in_pairs(digits) if regroup else number
    source = f"Call {number} for help."
    assert {s for _, s in statuses(source, f"Appelez le {written}.", "fr")} == {OK}
    spot = 1 + position % (len(digits) - 1)
    changed_digits = digits[:spot] + str((int(digits[spot]) + 1) % 10) + digits[spot + 1:]
    changed = _in_pairs(changed_digits)
    assert {s for _, s in statuses(source, f"Appelez le {changed}.", "fr")} & {CHANGED, MISSING}
