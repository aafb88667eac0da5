from search import text


def test_folding_lowers_swedish_capitals():
    assert text.fold("ÄLDREOMSORG Åsele Öppen") == "äldreomsorg åsele öppen"


def test_words_drop_operators_and_punctuation():
    assert text.words('"Äldre" & | ! : * (vård)') == ["äldre", "vård"]


def test_words_are_limited_in_number_and_length():
    words = text.words(" ".join(f"ord{i}" for i in range(50)) + " " + "x" * 500)
    assert len(words) == text.MAX_WORDS
    assert all(len(w) <= text.MAX_WORD_LENGTH for w in words)


def test_punctuation_only_has_no_words():
    assert not text.has_words("&|!:*()\"'-")


def test_clean_removes_nul_and_the_highlight_markers():
    assert text.clean(f"a\x00b{text.MARK_START}c{text.MARK_END}") == "abc"


def test_headline_is_escaped_and_only_hits_are_marked():
    html = text.headline_html(f"<script>alert(1)</script> {text.MARK_START}vård{text.MARK_END}")
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>vård</mark>"


def test_snippet_marks_hits_regardless_of_case_and_escapes_the_rest():
    html = text.snippet_html("<b>Om</b> ÄLDREOMSORG & äldre", ["äldre"])
    assert html == "&lt;b&gt;Om&lt;/b&gt; <mark>ÄLDRE</mark>OMSORG &amp; <mark>äldre</mark>"


def test_snippet_is_cut_around_the_first_hit():
    body = "a" * 500 + " utskrivning " + "b" * 500
    html = text.snippet_html(body, ["utskrivning"])
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>utskrivning</mark>" in html
    assert len(html) < 2 * text.SNIPPET_RADIUS + 40
