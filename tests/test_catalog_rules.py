"""Unit tests for the catalog rules' helpers: placeholder and markup extraction, the
multiset comparison, Babel's plural counts, and exact spans of the findings."""

from __future__ import annotations

import functools

import pytest

from translate_kit.model import Severity
from translate_kit.engine.contribution import DocumentScope, Resources
from translate_kit.options import CheckOptions
from translate_kit.rules import get_rule
from translate_kit.rules.markup import comparable_markup, corrected, extract_markup
from translate_kit.placeholder_syntax import (
    BRACE, CHROME, ICU, JINJA, PRINTF, PRINTF_STRICT, QT, RUBY, entry_syntaxes, extract_placeholders, placeholder_spans,
)
from translate_kit.rules.placeholders import diff_pieces, text_prefix
from translate_kit.rules.plurals import babel_plural_forms, parse_plural_forms
from translate_kit.sources import load_text

HEADER = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def texts(text: str, syntaxes: set[str]) -> list[str]:
    return [p.text for p in extract_placeholders(text, syntaxes)]


EXTRACTED = [
    ("%s %d %5.2f %-3i %ld %zu %%", {PRINTF}, ["%s", "%d", "%5.2f", "%-3i", "%ld", "%zu"]),
    ("%(name)s %(count)05d %1$s %2$*3$d", {PRINTF}, ["%(name)s", "%(count)05d", "%1$s", "%2$*3$d"]),
    ("100%% sure, %<PRId64> items", {PRINTF}, ["%<PRId64>"]),
    ("50% discount", {PRINTF}, []),  # "% d" + "iscount": a word, though printf could read a space flag
    ("50% d.", {PRINTF}, ["% d"]),  # a space-flag directive that no letter follows is one
    ("50% discount, 100%done, %s", {PRINTF_STRICT}, ["%s"]),
    ("{0} {name!r:>10} {} {user.id} {items[0]} {x:{width}}", {BRACE},
     ["{0}", "{name!r:>10}", "{}", "{user.id}", "{items[0]}", "{x:{width}}", "{width}"]),
    ("{{literal}} {{ and }} { not } {名前}", {BRACE}, ["{名前}"]),
    ("{{ user.name }} {{{ raw }}} {{- trimmed -}} {{name|upper}}", {JINJA},
     ["{{ user.name }}", "{{{ raw }}}", "{{- trimmed -}}", "{{name|upper}}"]),
    ("%{count} %<total>05.1f", {RUBY}, ["%{count}", "%<total>05.1f"]),
    ("%{count} and {count} and %d", {RUBY, BRACE, PRINTF}, ["%{count}", "{count}", "%d"]),
    ("{{ name }} and {count}", {JINJA, BRACE}, ["{{ name }}", "{count}"]),
    ("{0:%Y-%m-%d} %s", {BRACE, PRINTF}, ["{0:%Y-%m-%d}", "%s"]),
    ("%s", set(), []),
]


@pytest.mark.parametrize("text, syntaxes, expected", EXTRACTED)
def test_extract_placeholders(text, syntaxes, expected):
    assert texts(text, syntaxes) == expected


def _covered(spans) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


@pytest.mark.parametrize("text, syntaxes", [(t, s) for t, s, _e in EXTRACTED] + [
    ("{count, plural, one {# file} other {# files}} %s", {ICU, PRINTF}),
    ("%1 of %n, $NAME$ and $1", {QT, CHROME}),
    ("100%done %s and 5% off, % d", {PRINTF_STRICT, BRACE}),
])
def test_placeholder_spans_cover_what_is_extracted(text, syntaxes):
    """Code masking takes spans without building placeholders: it must blank exactly the
    characters of the placeholders the rule finds, literals (`%%`, `{{`) and prose
    percent signs left alone."""
    extracted = [(p.start, p.end) for p in extract_placeholders(text, syntaxes)]
    assert _covered(placeholder_spans(text, syntaxes)) == _covered(extracted)


def test_placeholder_spans_and_keys():
    (p,) = extract_placeholders("値: %(count)5d 件", {PRINTF})
    assert (p.start, p.end, p.family, p.key, p.sequential) == (3, 13, PRINTF, ("printf-named", "count", "d"), False)
    (q,) = extract_placeholders("%i", {PRINTF})
    assert q.key == ("printf-seq", "d") and q.sequential  # %i and %d are one type


@pytest.mark.parametrize(
    "flags, sources, expected",
    [
        ((), ["Save 50% today"], set()),
        ((), ["Hello %(name)s, 50% off"], {PRINTF_STRICT}),
        ((), ["Open %s"], {PRINTF_STRICT}),
        ((), ["100%done"], set()),
        ((), ["%-style formatting uses %char codes"], set()),
        ((), ["Hello %sさん", "%d件"], {PRINTF_STRICT}),
        (("c-format",), ["Save 50% today"], {PRINTF}),
        (("no-python-format",), ["%(x)s"], set()),
        ((), ["Welcome, {name}!"], {BRACE}),
        ((), ["An empty dict is {}", "Press { or }"], set()),
        (("python-brace-format",), ["{{ x }}"], {BRACE}),
        (("no-python-brace-format",), ["{name}"], set()),
        ((), ["Hi {{ user }}"], {JINJA}),
        ((), ["{{ 42 }}"], set()),
        ((), ["%{count} items"], {RUBY}),
        (("ruby-format",), ["plain"], {RUBY, PRINTF}),
        ((), ["one", "%d files"], {PRINTF_STRICT}),  # msgid_plural counts too
    ],
)
def test_entry_syntaxes(flags, sources, expected):
    assert entry_syntaxes(flags, sources) == frozenset(expected)


def diff(source: str, target: str, syntaxes: set[str]) -> list[tuple[str | None, str | None, bool]]:
    d = diff_pieces(extract_placeholders(source, syntaxes), extract_placeholders(target, syntaxes))
    return [(x.found.text if x.found else None, x.expected.text if x.expected else None, x.reordered) for x in d]


def test_diff_pieces():
    assert diff("%(a)s %(b)d", "%(b)d %(a)s", {PRINTF}) == []
    assert diff("%(name)s", "%(nmae)s %(x)s", {PRINTF}) == [("%(nmae)s", "%(name)s", False), ("%(x)s", None, False)]
    assert diff("%s of %d", "%d of %s", {PRINTF}) == [("%d", "%s", True), ("%s", "%d", True)]
    assert diff("%s of %d", "%2$d of %1$s", {PRINTF}) == []
    assert diff("%s of %d", "%2$d of %2$s", {PRINTF}) == [("%2$s", "%1$s", False)]  # numbered as written
    assert diff("{} of {}", "{1} of {0}", {BRACE}) == []
    assert diff("{} of {}", "{1} of {1}", {BRACE}) == [("{1}", "{0}", False)]
    assert diff("%s %s", "%s", {PRINTF}) == [(None, "%s", False)]
    assert diff("{{ a }} %{b}", "%{c} {{a}}", {JINJA, RUBY}) == [("%{c}", "%{b}", False)]
    # pieces of different syntaxes are never paired
    assert diff("%(a)s", "{a}", {PRINTF, BRACE}) == [("{a}", None, False), (None, "%(a)s", False)]


def test_text_prefix():
    assert text_prefix("短い") == "短い"
    assert text_prefix("a" * 40) == "a" * 30
    assert text_prefix("first line\nsecond") == "first line"
    assert text_prefix("\n\nafter a break\nmore") == "after a break"
    assert text_prefix("\n") == "\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        ('<a href="/x" title="T">x</a>', [("tag", "open", "a", "href", "/x"), ("tag", "close", "a")]),
        ("<br> <br/> <file> <x-y>z</x-y> <p class=c>", [
            ("tag", "open", "br"), ("tag", "self-closing", "br"),
            ("tag", "open", "x-y"), ("tag", "close", "x-y"), ("tag", "open", "p"),
        ]),
        ("`a` ``b`` ```c `d` c```", [("code", "a"), ("code", "b"), ("code", "c `d` c")]),
        ("[t](u) ![i](s.png) [t][Ref Label] [t][]", [
            ("link", "", "u"), ("link", "!", "s.png"), ("linkref", "", "ref label"), ("linkref", "", "t"),
        ]),
        (":ref:`T <x>` :doc:`d` :guilabel:`G` :py:meth:`~a.b` :RFC:`1`", [
            ("role", "ref", "x"), ("role", "doc", "d"), ("role", "guilabel"), ("role", "py:meth", "a.b"),
            ("role", "rfc", "1"),
        ]),
        ("`N  Ame`_ `t <u>`_ `anon`__", [("rst-ref", "_", "n ame"), ("rst-ref", "_", "u"), ("rst-ref", "__")]),
        ("<https://e.com/a> <!-- <b> --> %<a>s \\`x\\`", [("autolink", "https://e.com/a")]),
    ],
)
def test_extract_markup(text, expected):
    assert [t.key for t in extract_markup(text)] == expected


def test_comparable_markup_counts_tags_only():
    keys = [t.key for t in comparable_markup("`x` `x` <b>a</b><b>b</b> :ref:`A <r>` :ref:`B <r>`")]
    assert keys == [
        ("code", "x"), ("tag", "open", "b"), ("tag", "close", "b"), ("tag", "open", "b"), ("tag", "close", "b"),
        ("role", "ref", "r"),
    ]


def test_markup_spans_and_corrections():
    (link,) = extract_markup("前 [ガイド](/ja/g) 後")
    assert (link.start, link.end, link.text) == (2, 14, "[ガイド](/ja/g)")
    (source,) = extract_markup("[Guide](/g)")
    assert corrected(link, source) == "[ガイド](/g)"
    role, wanted = extract_markup(":ref:`表示 <x>`")[0], extract_markup(":ref:`Shown <y>`")[0]
    assert corrected(role, wanted) == ":ref:`表示 <y>`"
    ref, wanted = extract_markup("`設定`_")[0], extract_markup("`Settings`_")[0]
    assert corrected(ref, wanted) == "`Settings`_"  # the name as written, not normalised
    tag, other = extract_markup("<b>")[0], extract_markup("</b>")[0]
    assert corrected(tag, other) == "</b>"


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("ja", (1, 1)), ("ja_JP.UTF-8", (1, 1)), ("ja-JP", (1, 1)), ("fr", (2, 3)), ("pt_BR", (2, 3)),
        ("ru", (3, 4)), ("sr@latin", (3, 3)), ("ar", (6, 6)), ("zh_Hant", (1, 1)), ("ga", (5, 5)),
        ("tlh", None), ("xx", None), ("", None), ("C", None), ("../etc", None), ("ja JP", None),
    ],
)
def test_babel_plural_forms(tag, expected):
    rules = babel_plural_forms(tag)
    assert ((rules.nplurals, rules.cldr_nplurals) if rules else None) == expected


def test_plural_rules_accept_gettext_and_cldr_counts():
    rules = babel_plural_forms("ru")
    assert rules is not None and rules.plural_forms.startswith("nplurals=3; plural=")
    assert [n for n in range(7) if rules.accepts(n)] == [3, 4]


@pytest.mark.parametrize("tag", ["fr", "pt_BR", "es", "it", "ca", "ru", "pl", "cs", "lt", "ar", "ga", "cy", "sl", "he", "ja"])
def test_expected_plural_expression_picks_one_form_per_whole_number_category(tag):
    """The suggested `plural=` expression, run as gettext runs it, sends whole numbers of
    different CLDR categories to different forms and stays within nplurals."""
    from gettext import c2py

    from babel import Locale

    rules = babel_plural_forms(tag)
    assert rules is not None and rules.plural_forms.startswith(f"nplurals={rules.nplurals}; plural=")
    choose = c2py(rules.plural_forms.split("plural=", 1)[1].rstrip(";"))
    category = Locale.parse(tag).plural_form
    form_of: dict[str, int] = {}
    for n in range(1000):
        assert 0 <= choose(n) < rules.nplurals
        assert form_of.setdefault(category(n), choose(n)) == choose(n), n
    assert len(set(form_of.values())) == rules.nplurals


@pytest.mark.parametrize("lang, header", [("fr", "nplurals=2; plural=(n > 1);"), ("es", "nplurals=2; plural=(n != 1);"),
                                          ("it", "nplurals=2; plural=n != 1;"), ("pt_BR", "nplurals=2; plural=(n > 1);")])
def test_two_form_romance_catalogs_are_not_reported(lang, header):
    """gettext has always given these languages two forms; CLDR's "many" (millions, since
    CLDR 42, in Babel's table from 2.19) is not a form their catalogs must have."""
    text = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {header}\\n"\n\n'
            'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "a"\nmsgstr[1] "b"\n')
    assert run_rule("plural-forms", text) == []


def test_parse_plural_forms():
    assert parse_plural_forms("nplurals=1; plural=0;") == 1
    assert parse_plural_forms(" nplurals = 3 ; plural = (n%10==1 && n%100!=11 ? 0 : 2)") == 3
    assert parse_plural_forms("nplurals=INTEGER; plural=EXPRESSION;") is None
    assert parse_plural_forms("nplurals=2;") is None
    assert parse_plural_forms("nplurals=2; plural=import os;") is None


@functools.lru_cache(maxsize=1)
def _engine():
    from translate_kit.analysis import Engine

    return Engine("C")


def run_rule(rule_id: str, text: str, path: str = "m.po", **options):
    doc = load_text(text, path=path, format="po")
    ctx = DocumentScope(Resources(engine=_engine(), options=CheckOptions(**options)))
    return list(get_rule(rule_id).check_document(doc, ctx))


def test_placeholder_finding_spans_are_exact():
    text = HEADER + '#, python-format\nmsgid "Hi %(name)s"\nmsgstr ""\n"%(nmae)s"\n"さん"\n'
    (f,) = run_rule("placeholder-mismatch", text)
    # the span ends on its own string line, not where the next string line starts
    assert (f.line, f.column, f.end_line, f.end_column) == (9, 2, 9, 10)
    assert (f.found, f.expected, f.severity) == ("%(nmae)s", "%(name)s", Severity.ERROR)


def test_placeholder_span_after_an_escape():
    text = HEADER + '#, c-format\nmsgid "Tab\\t%s"\nmsgstr "タブ\\t%d"\n'
    (f,) = run_rule("placeholder-mismatch", text)
    assert (f.line, f.column, f.end_line, f.end_column) == (8, 13, 8, 15)


def test_missing_placeholder_is_an_empty_span_at_the_msgstr():
    text = HEADER + '#, c-format\nmsgid "Delete %s?"\nmsgstr "削除しますか？"\n'
    (f,) = run_rule("placeholder-mismatch", text)
    assert (f.line, f.column, f.end_line, f.end_column) == (8, 9, 8, 9)
    assert "%s" in f.message


def test_markup_extra_piece_has_no_expected_text():
    text = HEADER + 'msgid "Done"\nmsgstr "<b>完了</b>"\n'
    found = [(f.found, f.expected, f.severity, f.end_column) for f in run_rule("markup-mismatch", text)]
    assert found == [("<b>", None, Severity.WARNING, 12), ("</b>", None, Severity.WARNING, 18)]


def test_plural_header_span_covers_the_value():
    text = 'msgid ""\nmsgstr ""\n"Language: ja\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    (f,) = run_rule("plural-forms", text)
    value = "nplurals=2; plural=(n != 1);"
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 30, 3, 30 + len(value))
    assert (f.found, f.expected) == (value, "nplurals=1; plural=0;")


def test_plural_rule_survives_odd_languages():
    for lang in ("", "x", "sr@latin", "ja JP", "zz_ZZ", "C.UTF-8"):
        text = f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: bogus\\n"\n\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n'
        run_rule("plural-forms", text)


def test_plural_template_header_is_not_checked():
    text = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\nmsgid "a"\nmsgstr ""\n'
    assert run_rule("plural-forms", text, path="m.pot", lang="ja") == []


def test_rules_are_declared():
    for rule_id, severity in (
        ("placeholder-mismatch", Severity.ERROR),
        ("markup-mismatch", Severity.WARNING),
        ("plural-forms", Severity.ERROR),
    ):
        rule = get_rule(rule_id)
        assert rule.severity == severity and rule.check_document is not None and rule.check is None
        assert rule.summary and "\n" not in rule.summary
        assert all((rule.doc.what, rule.doc.why, rule.doc.example_bad, rule.doc.example_good))


def test_a_code_span_kept_without_its_backquotes_is_said_so(run_check):
    po = (
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\n'
        'msgid "Only `SELECT` statements are allowed"\nmsgstr "「SELECT」文のみ許可されます"\n\n'
        'msgid "Use `auto` here"\nmsgstr "ここでは自動を使う（Automatic）"\n'
    )
    found = run_check({"app.po": po}, select=["markup-mismatch"]).findings
    messages = {f.expected: f.message for f in found}
    assert "without the backquotes" in messages["`SELECT`"]
    assert "without the backquotes" not in messages["`auto`"]  # Automatic is not auto


def test_a_translated_piece_is_paired_with_the_one_in_its_place_when_none_is_alike():
    from translate_kit.rules.placeholders import diff_pieces

    source = comparable_markup("If ``True``, comments with ``is_public`` unset show a ``waiting to be approved`` message.")
    target = comparable_markup("チェックすると、``is_public``でないコメントは``承認待ち``と表示されます。")
    pairs = {(d.found.text if d.found else None, d.expected.text if d.expected else None) for d in diff_pieces(source, target)}
    assert ("``承認待ち``", "``waiting to be approved``") in pairs
    assert (None, "``True``") in pairs
    # a misspelt piece still pairs by likeness, wherever it stands
    typo = diff_pieces(comparable_markup("`alpha` and `gamma`"), comparable_markup("`gama` と `alpha`"))
    assert [(d.found.text, d.expected.text) for d in typo if d.found] == [("`gama`", "`gamma`")]


_WIDGETS = (
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    + "".join(f'\nmsgid "Widget {n}"\nmsgstr "ウィジェット{n}"\n' for n in ("list", "title", "size"))
    + '\nmsgid "Widget order"\nmsgstr "ウイジェットの順序"\n'
)


def test_one_place_one_finding_when_a_word_rule_and_the_name_rule_agree(run_check):
    """ウイジェット among ウィジェット is a word spelt two ways: orthographic-variant says so,
    term-inconsistent leaves the spelling to it, and entity-inconsistent, which defers to
    both, does not say it again at the same place."""
    result = run_check({"w.po": _WIDGETS})
    at_slip = [f.rule for f in result.findings if f.found.startswith("ウイジェット")]
    assert at_slip == ["orthographic-variant"]


def test_the_name_rule_still_reports_when_the_word_rules_are_off(run_check):
    result = run_check({"w.po": _WIDGETS}, select=["entity-inconsistent"])
    assert [(f.rule, f.found, f.expected) for f in result.findings] == [("entity-inconsistent", "ウイジェット", "ウィジェット")]


def test_a_tie_says_what_broke_it(run_check):
    """One rendering each: the finding says it was a tie that the standard spelling decided."""
    text = ('msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '\nmsgid "Consumer key"\nmsgstr "コンシューマキー"\n'
            '\nmsgid "Remove the consumer"\nmsgstr "コンシューマーを削除"\n')
    (finding,) = run_check({"c.po": text}, select=["term-inconsistent"]).findings
    assert (finding.found, finding.expected) == ("コンシューマ", "コンシューマー")
    assert "1 time (vs 1; a tie, and the dictionary's standard spelling decides)" in finding.message


def test_a_spelling_tie_says_what_broke_it(run_check):
    (finding,) = run_check({"d.txt": "サーバを再起動した。\nサーバーの負荷は下がった。\n"}, select=["orthographic-variant"]).findings
    assert (finding.found, finding.expected) == ("サーバ", "サーバー")
    assert "(vs 1; a tie, and the dictionary's standard spelling decides)" in finding.message


def test_vietnamese_keeps_one_form_whatever_babel_says_of_its_categories():
    rules = babel_plural_forms("vi")
    assert rules is not None and (rules.nplurals, rules.plural_forms) == (1, "nplurals=1; plural=0;")
