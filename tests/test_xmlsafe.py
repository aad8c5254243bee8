"""Whatever the text, the escaped form parses back to it (less what XML 1.0 cannot hold)."""

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from briefing.xmlsafe import xml_attribute, xml_text

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@given(st.text())
def test_any_text_and_attribute_parse_back_to_themselves(text):
    element = ET.fromstring(f"<e a={xml_attribute(text)}>{xml_text(text)}</e>")
    kept = FORBIDDEN.sub("", text)
    assert element.get("a") == kept
    assert (element.text or "") == kept.replace("\r\n", "\n").replace("\r", "\n")  # XML's end-of-line rule


def test_markup_and_quotes_are_escaped_and_controls_dropped():
    assert xml_text('a < b & "c" > d\x07') == 'a &lt; b &amp; "c" &gt; d'
    assert xml_attribute('say "hi"\n') == '"say &quot;hi&quot;&#10;"'
