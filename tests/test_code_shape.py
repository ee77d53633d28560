"""The code stays easy to change: small functions and modules, a short Bot.answer, and data
flowing one way (no module imports one of a later stage)."""
import ast

import pytest

from helpers import ROOT

MODULES = sorted((ROOT / "bot").glob("*.py"))
# source -> passages -> index -> retrieve -> decide -> quote -> UI: each module may import only
# modules of its own stage or an earlier one
STAGES = [
    {"config", "switches", "rules", "lexical", "quotations", "reply"},
    {"sources", "faq", "rows", "bm25", "embed", "pieces", "extent", "names", "render"},
    {"layout"},
    {"atomic", "lexicon", "sentence_store", "milvus_store", "index", "manifest", "store", "questions", "conversation"},
    {"checks", "closeness", "features", "models", "retrieve"},
    {"decide", "quote", "tables", "spans"},
    {"answer"},
    {"__init__", "sessions", "cli", "ui", "__main__"},
]


def stage(name: str) -> int:
    return next(n for n, s in enumerate(STAGES) if name in s)


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_small_functions_and_modules(path):
    src = path.read_text(encoding="utf-8")
    assert len(src.splitlines()) <= 300
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 40, node.name
            if path.stem == "answer" and node.name == "answer":
                assert node.end_lineno - node.lineno + 1 <= 25


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_no_import_runs_back_up(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [a.name for a in node.names]
            for name in names:
                assert stage(name) <= stage(path.stem), f"{path.stem} imports {name}"
