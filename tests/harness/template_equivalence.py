"""Template equivalence: do the templates changed since a commit compile to the same output?

A tool for rewriting long template lines (issue #28), beside render_snapshot.py: that one
renders the pages and mails the demo data reaches, this one compares every changed template
with its version at REV as compiled node trees, so every branch counts, reached or not:

    DATABASE_URL=postgres://x@localhost/x .venv/bin/python \
        tests/harness/template_equivalence.py [REV]

Two trees are the same when, after normalising, they are equal: a `{% trimmed %}` block is
replaced by its (already trimmed) content, `{% comment %}` and `{% load %}` are dropped,
adjacent text is joined, and `{% translate "…" %}` and `{% blocktranslate %}` are both
written as the message they look up (a trimmed block's message is trimmed first), its plural,
counter, variables, context and `as`. Text nodes compare exactly. REV is HEAD unless given.
Exit status 1 and the names of the templates that differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "burgerkracht.settings.dev")

import django  # noqa: E402

django.setup()

from django.template import engines  # noqa: E402
from django.template.base import FilterExpression, Node, NodeList, TextNode, Variable  # noqa: E402
from django.template.defaulttags import CommentNode, LoadNode  # noqa: E402
from django.templatetags.i18n import BlockTranslateNode, TranslateNode  # noqa: E402

from burgerkracht.core.templatetags.portal_components import TrimmedNode  # noqa: E402

SKIP = {"token", "origin"}


def _spliced(nodes) -> list:
    out: list = []
    for node in nodes:
        if isinstance(node, TrimmedNode):
            out.extend(_spliced(node.nodelist))
        elif not isinstance(node, (CommentNode, LoadNode)):  # render nothing
            out.append(node)
    return out


def _nodes(nodes) -> list:
    merged: list = []
    for node in _spliced(nodes):
        if isinstance(node, TextNode):
            if merged and isinstance(merged[-1], str):
                merged[-1] += node.s
            else:
                merged.append(node.s)
        else:
            merged.append(node)
    return [("text", n) if isinstance(n, str) else norm(n) for n in merged if n != ""]


def _message(node: BlockTranslateNode, tokens) -> str:
    return node.render_token_list(tokens)[0] if tokens else None


def norm(obj, depth: int = 0):
    if depth > 40:
        raise RecursionError(repr(obj))
    nodes = isinstance(obj, list) and all(isinstance(n, Node) for n in obj)
    if isinstance(obj, NodeList) or nodes:
        return ("nodes", tuple(_nodes(obj)))
    if isinstance(obj, (list, tuple)):
        return tuple(norm(x, depth + 1) for x in obj)
    if isinstance(obj, dict):
        return tuple(sorted((k, norm(v, depth + 1)) for k, v in obj.items()))
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, FilterExpression):
        return ("fe", obj.token)
    if isinstance(obj, Variable):
        return ("var", obj.var)
    if isinstance(obj, TranslateNode) and obj.filter_expression.var.lookups is None:
        if obj.filter_expression.filters or obj.noop:
            return ("translate", obj.filter_expression.token, obj.asvar, obj.noop)
        msgid = str(obj.filter_expression.var.literal)
        context = obj.message_context and obj.message_context.token
        return ("message", msgid, None, None, None, (), obj.asvar, context, "%" in msgid)
    if isinstance(obj, BlockTranslateNode):
        msgid = _message(obj, obj.singular)
        plural = _message(obj, obj.plural)
        context = obj.message_context and obj.message_context.token
        extra = norm(obj.extra_context, depth + 1)
        counter = obj.counter and obj.counter.token
        flags = obj.countervar, counter, extra, obj.asvar, context, "%" in msgid.replace("%%", "")
        return ("message", msgid.replace("%%", "%"), plural, *flags)
    if isinstance(obj, Node):
        attrs = {k: v for k, v in vars(obj).items() if k not in SKIP}
        return (type(obj).__name__, norm(attrs, depth + 1))
    if callable(obj):
        return ("callable", getattr(obj, "__qualname__", repr(obj)))
    if hasattr(obj, "__dict__"):
        return (type(obj).__name__, norm(vars(obj), depth + 1))
    return repr(obj)


def compiled(source: str):
    engine = engines["django"].engine
    return norm(engine.from_string(source).nodelist)


def main(rev: str) -> int:
    names = subprocess.run(
        ["git", "diff", "--name-only", rev, "--", "templates"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.split()  # fmt: skip
    failures = 0
    for name in names:
        path = ROOT / name
        if not path.exists():
            continue
        old = subprocess.run(
            ["git", "show", f"{rev}:{name}"], capture_output=True, text=True, cwd=ROOT
        ).stdout
        if compiled(old) != compiled(path.read_text(encoding="utf-8")):
            failures += 1
            print(f"DIFFERENT {name}")
    print(f"{len(names)} templates compared, {failures} different")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "HEAD"))
