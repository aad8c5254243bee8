import random
import sys

sys.path.insert(0, "/work/main")
from briefing.numbers import OK, compare

base = "/work/shared/eval/flores200-dev/"
en = open(base + "eng_Latn.dev").read().splitlines()
for lang, fname in (("fr", "fra_Latn.dev"), ("ar", "arb_Arab.dev")):
    tgt = open(base + fname).read().splitlines()
    lines = alarms = changed_total = caught = 0
    rng = random.Random(1)
    shown = 0
    for s, t in zip(en, tgt):
        checks = compare(s, t, "en", lang)
        has_digit = any(not c.source.written_as_word for c in checks)
        bad = [c for c in checks if c.status != OK]
        if has_digit:
            lines += 1
            if bad:
                alarms += 1
                if shown < int(sys.argv[1]) and lang == sys.argv[2]:
                    shown += 1
                    print("SRC", s); print("TGT", t); print("   ", [(c.source.text, c.status, c.target.text if c.target else None) for c in bad])
        oks = [c for c in checks if c.status == OK and c.target and not c.source.written_as_word and any(ch.isdigit() for ch in c.target.text)]
        if oks:
            c = rng.choice(oks)
            digits = [i for i, ch in enumerate(c.target.text) if ch.isdigit()]
            i = rng.choice(digits)
            old = c.target.text[i]
            new = rng.choice([d for d in "0123456789" if d != str(int(old))])
            if not old.isascii():
                new = chr(ord("٠") + int(new))
            mutated = t[:c.target.start] + c.target.text[:i] + new + c.target.text[i+1:] + t[c.target.end:]
            changed_total += 1
            if any(x.status != OK for x in compare(s, mutated, "en", lang)):
                caught += 1
            elif shown < int(sys.argv[1]) and lang == sys.argv[2]:
                shown += 1
                print("NOT CAUGHT", s); print("  ", mutated)
    print(lang, "lines with digits", lines, "false alarms", alarms, f"{alarms/lines:.3f}", "changed caught", f"{caught}/{changed_total}", f"{caught/changed_total:.3f}")
