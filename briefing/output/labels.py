"""The words a briefing prints around the translation (titles, QA box, kinds), per language."""

from __future__ import annotations

import re

# UI strings of printed and Markdown briefings, per language (English for any other).
LABELS = {
    "en": {"briefing": "Briefing", "terms": "Key terms", "qa": "Quality check", "source": "Source",
           "model": "Model", "kind": "Kind", "machine": "Machine translation: review before use.",
           "terms_ok": "glossary terms in their approved form", "figures": "figures checked",
           "translation": "Translation", "date": "Date", "translated": "Translated",
           "dropped": "Left out of the source", "stdin": "standard input"},
    "fr": {"briefing": "Note d’information", "terms": "Termes clés", "qa": "Contrôle qualité", "source": "Source",
           "model": "Modèle", "kind": "Type", "machine": "Traduction automatique : à relire avant diffusion.",
           "terms_ok": "termes du glossaire sous leur forme approuvée",
           "figures": "chiffres vérifiés", "translation": "Traduction", "date": "Date",
           "translated": "Traduit le", "dropped": "Non repris de la source", "stdin": "entrée standard"},
    "ar": {"briefing": "موجز", "terms": "المصطلحات الرئيسية", "qa": "ضبط الجودة", "source": "المصدر",
           "model": "النموذج", "kind": "النوع", "machine": "ترجمة آلية: تجب مراجعتها قبل النشر.",
           "terms_ok": "مصطلحات المسرد بصيغتها المعتمدة", "figures": "أرقام تم التحقق منها",
           "translation": "الترجمة", "date": "التاريخ", "translated": "تاريخ الترجمة",
           "dropped": "ما لم يُنقل من المصدر", "stdin": "الإدخال القياسي"},
}
KIND_NAMES = {
    "fr": {"person": "personne", "sect": "confession", "ethnic-group": "groupe ethnique",
           "religious-group": "groupe religieux", "armed-group": "groupe armé", "place": "lieu",
           "organization": "organisation", "event": "événement", "title": "titre", "other": "autre"},
    "ar": {"person": "شخص", "sect": "طائفة", "ethnic-group": "جماعة إثنية", "religious-group": "جماعة دينية",
           "armed-group": "جماعة مسلحة", "place": "مكان", "organization": "منظمة", "event": "حدث", "title": "لقب",
           "other": "أخرى"},
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang.split("_")[0], LABELS["en"])


def kind_name(kind: str, lang: str) -> str:
    return KIND_NAMES.get(lang.split("_")[0], {}).get(kind, kind)


def date_parts(localizer, report_date, translated_on) -> list[str]:
    """"Date: 9 March 2025" when the source has a report date (never an invented one), then
    the date of translation, labelled as such."""
    label = labels(localizer.language)
    parts = [f"{localizer.typography(label['date'] + ':')} {localizer.date(report_date)}"] if report_date else []
    translated = label["translated"] + ("" if label["translated"].endswith(" le") else ":")
    return [*parts, f"{localizer.typography(translated)} {localizer.date(translated_on)}"]


# Counted phrases, by CLDR plural category (Babel): Arabic has six, French and English two.
COUNTED = {
    "en": {"verify": {"one": "{n} problem to verify", "other": "{n} problems to verify"},
           "wrong_script": {"one": "{n} sentence not in the target script", "other": "{n} sentences not in the "
                                                                                      "target script"},
           "more": {"one": "and {n} more sentence to verify", "other": "and {n} more sentences to verify"}},
    "fr": {"verify": {"one": "{n} point à vérifier", "other": "{n} points à vérifier"},
           "wrong_script": {"one": "{n} phrase hors de l’écriture attendue",
                            "other": "{n} phrases hors de l’écriture attendue"},
           "more": {"one": "et {n} autre phrase à vérifier", "other": "et {n} autres phrases à vérifier"}},
    "ar": {"verify": {"zero": "لا مسائل للتحقق", "one": "مسألة واحدة يجب التحقق منها",
                      "two": "مسألتان يجب التحقق منهما", "few": "{n} مسائل يجب التحقق منها",
                      "many": "{n} مسألة يجب التحقق منها", "other": "{n} مسألة يجب التحقق منها"},
           "wrong_script": {"zero": "لا جمل بغير الخط العربي", "one": "جملة واحدة بغير الخط العربي",
                            "two": "جملتان بغير الخط العربي", "few": "{n} جمل بغير الخط العربي",
                            "many": "{n} جملة بغير الخط العربي", "other": "{n} جملة بغير الخط العربي"},
           "more": {"one": "وجملة أخرى للتحقق", "two": "وجملتان أخريان للتحقق", "few": "و{n} جمل أخرى للتحقق",
                    "many": "و{n} جملة أخرى للتحقق", "other": "و{n} جملة أخرى للتحقق"}},
}


def counted(lang: str, key: str, count: int, shape=str) -> str:
    """"3 problems to verify", "مسألتان يجب التحقق منهما": the phrase in the plural form CLDR
    gives the count in that language, the count written with the locale's digits (`shape`)."""
    from babel import Locale

    language = lang.split("_")[0]
    forms = COUNTED.get(language, COUNTED["en"])[key]
    category = Locale.parse(language if language in COUNTED else "en").plural_form(count)
    return forms.get(category, forms["other"]).format(n=shape(str(count)))


# What the QA box says of each finding, per language: {expected}/{found} are glossary forms,
# {source}/{target} figures as written.
FINDINGS = {
    "en": {"missing": "{expected} missing", "fewer": "{expected} fewer times than in the source",
           "variant": "{found} instead of {expected}", "forbidden": "{found}: forbidden (use {expected})",
           "figure_missing": "figure {source} missing", "figure_changed": "figure {source} changed into {target}",
           "figure_aspect": "figure {source} ({target}): {aspect}", "untranslated": "not translated",
           "wrong_script": "not in the target script", "empty": "empty",
           "unaligned": "without a counterpart", "check_error": "not checked (the check failed)"},
    "fr": {"missing": "{expected} absent", "fewer": "{expected} moins souvent que dans la source",
           "variant": "{found} au lieu de {expected}", "forbidden": "{found} : forme proscrite (employer {expected})",
           "figure_missing": "chiffre {source} absent", "figure_changed": "chiffre {source} changé en {target}",
           "figure_aspect": "chiffre {source} ({target}) : {aspect}", "untranslated": "non traduit",
           "wrong_script": "hors de l’écriture attendue", "empty": "vide",
           "unaligned": "sans correspondance", "check_error": "non vérifié (échec du contrôle)"},
    "ar": {"missing": "{expected} غير موجود", "fewer": "{expected} أقل مما في المصدر",
           "variant": "{found} بدلا من {expected}", "forbidden": "{found}: صيغة محظورة (استخدم {expected})",
           "figure_missing": "الرقم {source} غير موجود", "figure_changed": "الرقم {source} تغير إلى {target}",
           "figure_aspect": "الرقم {source} ({target}): {aspect}", "untranslated": "غير مترجم",
           "wrong_script": "بغير الخط العربي", "empty": "فارغ",
           "unaligned": "بلا مقابل", "check_error": "لم يُتحقق منه (تعذر الفحص)"},
}


# What changed in a figure whose value held (quality.quantities.Change), per language.
ASPECTS = {"fr": {"scale": "échelle", "unit": "unité", "qualifier": "qualificatif",
                  "qualifier dropped": "qualificatif omis", "month": "mois", "time of day": "moment de la journée"},
           "ar": {"scale": "المرتبة", "unit": "الوحدة", "qualifier": "التقدير", "qualifier dropped": "حُذف التقدير",
                  "month": "الشهر", "time of day": "وقت اليوم"}}
DAY_HALVES = {"fr": {"am": "matin", "pm": "après-midi ou soir"}, "ar": {"am": "صباحا", "pm": "مساء"}}


def aspect(lang: str, change) -> str:
    """"scale: million → milliard", "qualificatif omis : plus de", "وقت اليوم: مساء → صباحا": one
    change of a figure worded in `lang` (its words as the texts write them)."""
    language = lang.split("_")[0]
    name = ASPECTS.get(language, {}).get(change.aspect, change.aspect)
    halves = DAY_HALVES.get(language, {}) if change.aspect == "time of day" else {}
    before, after = halves.get(change.source, change.source), halves.get(change.target, change.target)
    colon = "\u202f:" if language == "fr" else ":"
    return f"{name}{colon} {before}" + (f" → {after}" if after else "")


def finding(lang: str, key: str, **fields: str) -> str:
    """One finding of the QA box in the briefing's language (English for any other)."""
    phrases = FINDINGS.get(lang.split("_")[0], FINDINGS["en"])
    return phrases[key].format(**fields)


# What readers leave out of a source ("3 images", as `sources.document.counted` writes them),
# in the briefing's language: English noun → (French one, French many, Arabic CLDR forms).
LEFT_OUT = {
    "image": ("image", "images", {"one": "صورة واحدة", "two": "صورتان", "few": "{n} صور", "other": "{n} صورة"}),
    "script": ("script", "scripts", {"one": "نص برمجي واحد", "two": "نصان برمجيان", "few": "{n} نصوص برمجية",
                                     "other": "{n} نصا برمجيا"}),
    "block of page text": ("bloc de texte de la page", "blocs de texte de la page",
                           {"one": "كتلة نص واحدة من الصفحة", "two": "كتلتا نص من الصفحة",
                            "few": "{n} كتل نص من الصفحة", "other": "{n} كتلة نص من الصفحة"}),
    "running header, footer or page number": ("en-tête, pied de page ou numéro de page",
                                              "en-têtes, pieds de page et numéros de page",
                                              {"one": "ترويسة أو تذييل أو رقم صفحة",
                                               "other": "{n} ترويسة وتذييل ورقم صفحة"}),
    "reviewer comment": ("commentaire de relecture", "commentaires de relecture",
                         {"one": "تعليق مراجع واحد", "other": "{n} تعليق مراجع"}),
    "page header or footer": ("en-tête ou pied de page", "en-têtes et pieds de page",
                              {"one": "ترويسة أو تذييل", "other": "{n} ترويسة وتذييل"}),
    "text box": ("zone de texte", "zones de texte", {"one": "مربع نص واحد", "other": "{n} مربع نص"}),
    "insertion": ("insertion", "insertions", {"one": "إضافة واحدة", "other": "{n} إضافة"}),
    "deletion": ("suppression", "suppressions", {"one": "حذف واحد", "other": "{n} حذف"}),
    "change": ("modification", "modifications", {"one": "تعديل واحد", "other": "{n} تعديل"}),
}
_PLURALS = {"images": "image", "scripts": "script", "blocks of page text": "block of page text",
            "running headers, footers and page numbers": "running header, footer or page number",
            "reviewer comments": "reviewer comment", "page headers and footers": "page header or footer",
            "text boxes": "text box", "insertions": "insertion", "deletions": "deletion", "changes": "change"}
_PHRASES = {"fr": {"tracked changes read as accepted": "modifications suivies lues comme acceptées",
                   "photo caption: ": "légende de photo : ", "byline: ": "signature : ",
                   " (menus, links, comments, banners)": " (menus, liens, commentaires, bandeaux)"},
            "ar": {"tracked changes read as accepted": "التعديلات المتعقبة مقروءة كمقبولة",
                   "photo caption: ": "تعليق صورة: ", "byline: ": "توقيع الكاتب: ",
                   " (menus, links, comments, banners)": " (قوائم وروابط وتعليقات ولافتات)"}}


def left_out(lang: str, text: str) -> str:
    """One thing a reader left out of the source, worded in `lang` (as it is, for English or a
    phrase this table does not know)."""
    from babel import Locale

    language = lang.split("_")[0]
    if language not in _PHRASES:
        return text

    def count(match: re.Match) -> str:
        number, noun = int(match.group(1)), match.group(2)
        french_one, french_many, arabic = LEFT_OUT[_PLURALS.get(noun, noun)]
        if language == "fr":
            return f"{number} {french_one if number < 2 else french_many}"
        forms = arabic
        return forms.get(Locale.parse("ar").plural_form(number), forms["other"]).format(n=number)

    nouns = "|".join(re.escape(noun) for noun in sorted([*LEFT_OUT, *_PLURALS], key=len, reverse=True))
    text = re.sub(rf"(\d+) ({nouns})\b", count, text)
    for english, translated in _PHRASES[language].items():
        text = text.replace(english, translated)
    return text
