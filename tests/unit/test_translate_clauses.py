"""Clause splitting of long Chinese sentences and joining of their translations."""

from rag.translate.clauses import join_clauses, split_clauses

LONG = ("在《最高愿望：人权行动呼吁》中，秘书长强调，人权在采取集体行动有效应对人类面临的多重危机中处于"
        "核心地位，并确定了七个具体行动领域：权利是可持续发展的核心；危机时期的权利；公众参与和公民空间。")


def test_splits_at_colon_and_semicolons_but_not_inside_titles():
    pieces = split_clauses(LONG)
    assert [sep for _, sep in pieces] == [": ", "; ", "; ", ""]
    assert pieces[0][0].startswith("在《最高愿望：人权行动呼吁》中")
    rebuilt = "".join(p + {": ": "：", "; ": "；"}.get(sep, "") for p, sep in pieces)
    assert rebuilt == LONG


def test_quoted_colon_is_not_a_boundary():
    text = "高专办举办了小组讨论，主题是“COVID-19与发展权：我们同舟共济”，并且还举办了另外一次关于发展权的培训活动和讲习班。"
    assert split_clauses(text, min_chars=10) == [(text, "")]


def test_short_sentence_stays_whole():
    assert split_clauses("增强合作：释放资源。") == [("增强合作：释放资源。", "")]


def test_list_items_are_boundaries():
    text = "各国应当：(a)加强国际合作与协调以应对疫情；(b)确保疫苗公平分配给所有国家和人民。"
    pieces = split_clauses(text, min_chars=10)
    assert len(pieces) == 3 and pieces[1][0].startswith("(a)")


def test_join_keeps_separators_and_lowercases_function_words():
    out = join_clauses(["The Secretary-General identified areas.", "Rights in crisis.",
                        "The rights of future generations."], [": ", "; ", ""])
    assert out == ("The Secretary-General identified areas: Rights in crisis; "
                   "the rights of future generations.")
