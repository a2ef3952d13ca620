"""A small, safe expression language for claims, parsed with ``ast`` and never run.

Claims come from a data file, so their computations are data too. An
expression is parsed by Python's parser and then *walked* here node by node;
only these forms are accepted, and anything else is refused with a message
naming what was found:

* numbers: ``372906``, ``0.143``;
* ``+ - * /`` and unary minus (no ``**``: a power is how a tiny text asks for
  a huge computation);
* a row of a resource by its key: ``table2_debts_to_japan["Total"]`` (its figure,
  with its precision), or one numeric column of it: ``populations["id", "year_to"]``;
* calls of the functions in ``functions.FUNCTIONS``, plus
  ``series("resource", "label column", column="value", ...)`` for a labelled
  column and ``old_style(chronology["id"])`` for a row's Old Style date.

Attribute access, imports, comprehensions, lambdas, keyword tricks and names
that are neither resources nor functions all fail at parse time, before any
data is read.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tables.claims.data import DataIndex
from tables.claims.functions import FUNCTIONS
from tables.claims.interval import ClaimError, Interval
from tables.claims.values import DateSpan, Series

__all__ = ["Expression", "ExpressionError", "parse"]

#: Longest expression accepted, and deepest nesting: generous for real claims,
#: small enough that no text can make the parser or evaluator work hard.
MAX_LENGTH = 2000
MAX_DEPTH = 40
SPECIAL = ("series", "old_style")
#: Functions that measure the time between two dates. When both dates are known
#: only to the year (or less), the check notes it (see ``check.CANNOT_FAIL``).
ELAPSED = frozenset({"days", "weeks", "months", "years"})
_YEAR_DAYS = 364

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class ExpressionError(ClaimError):
    """An expression that is not in the language (raised before any evaluation)."""


@dataclass(frozen=True)
class Expression:
    """A checked expression tree and the resources it reads."""

    text: str
    tree: ast.expr
    resources: frozenset[str]

    def evaluate(self, data: DataIndex) -> Any:
        return _Evaluator(data).visit(self.tree)


def parse(text: str, resources: set[str] | frozenset[str]) -> Expression:
    """Parse and check ``text``; ``resources`` are the names it may use as data."""
    return _parse(text, frozenset(resources))


@lru_cache(maxsize=4096)
def _parse(text: str, resources: frozenset[str]) -> Expression:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression is {len(text)} characters long (at most {MAX_LENGTH})")
    try:
        module = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(
            f"not a valid expression: {exc.msg} at character {exc.offset}"
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression is nested too deeply") from None
    used: set[str] = set()
    _check(module.body, frozenset(resources), used, 0)
    return Expression(text, module.body, frozenset(used))


def _check(node: ast.AST, resources: frozenset[str], used: set[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionError(f"expression is nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"{node.value!r} is not a number (text only names rows)")
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            symbol = {ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//"}.get(type(node.op))
            shown = f"operator {symbol}" if symbol else f"operator {type(node.op).__name__}"
            raise ExpressionError(f"{shown} is not allowed (only + - * /)")
        _check(node.left, resources, used, depth + 1)
        _check(node.right, resources, used, depth + 1)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        _check(node.operand, resources, used, depth + 1)
        return
    if isinstance(node, ast.Subscript):
        _check_row(node, resources, used)
        return
    if isinstance(node, ast.Call):
        _check_call(node, resources, used, depth)
        return
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS or node.id in SPECIAL:
            raise ExpressionError(f"function {node.id} must be called, as {node.id}(...)")
        if node.id in resources:
            raise ExpressionError(f'resource {node.id} needs a row key, as {node.id}["key"]')
        raise ExpressionError(f"unknown name {node.id!r} (not a resource or function)")
    if isinstance(node, ast.Attribute):
        raise ExpressionError(f"attribute access (.{node.attr}) is not allowed")
    raise ExpressionError(f"{_describe(node)} is not allowed in a claim expression")


def _check_row(node: ast.Subscript, resources: frozenset[str], used: set[str]) -> None:
    if not isinstance(node.value, ast.Name):
        raise ExpressionError('only a resource name can be subscripted, as resource["key"]')
    if node.value.id not in resources:
        raise ExpressionError(f"unknown resource {node.value.id!r}")
    parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    texts = [p for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
    if len(texts) != len(parts) or len(parts) not in (1, 2):
        raise ExpressionError(
            f'{node.value.id}[...] takes a quoted row key, as ["key"], or a key and a column, '
            'as ["key", "column"]'
        )
    used.add(node.value.id)


def _check_call(node: ast.Call, resources: frozenset[str], used: set[str], depth: int) -> None:
    if not isinstance(node.func, ast.Name):
        if isinstance(node.func, ast.Attribute):
            raise ExpressionError(f"attribute access (.{node.func.attr}) is not allowed")
        raise ExpressionError("only named functions can be called")
    name = node.func.id
    if name == "series":
        _check_series(node, resources, used)
        return
    if name == "old_style":
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Subscript):
            raise ExpressionError('old_style() takes one row, as old_style(chronology["id"])')
        _check_row(node.args[0], resources, used)
        return
    if name not in FUNCTIONS:
        allowed = ", ".join([*FUNCTIONS, *SPECIAL])
        raise ExpressionError(f"function {name!r} is not allowed (allowed: {allowed})")
    if node.keywords:
        raise ExpressionError(f"{name}() takes no keyword arguments")
    least, most = FUNCTIONS[name][1]
    if len(node.args) < least or (most is not None and len(node.args) > most):
        wanted = (
            f"{least}"
            if least == most
            else f"{least} or more"
            if most is None
            else (f"{least} to {most}")
        )
        raise ExpressionError(f"{name}() takes {wanted} argument(s), not {len(node.args)}")
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise ExpressionError("*arguments are not allowed")
        _check(arg, resources, used, depth + 1)


def _check_series(node: ast.Call, resources: frozenset[str], used: set[str]) -> None:
    texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if len(node.args) != 2 or len(texts) != 2:
        raise ExpressionError(
            'series() takes a resource and a label column, as series("r", "year")'
        )
    if texts[0] not in resources:
        raise ExpressionError(f"unknown resource {texts[0]!r}")
    for keyword in node.keywords:
        ok = isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
        if keyword.arg is None or not ok:
            raise ExpressionError('series() filters are column="text" pairs')
    used.add(texts[0])


def _describe(node: ast.AST) -> str:
    names = {
        ast.Lambda: "a lambda",
        ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a generator",
        ast.Compare: "a comparison",
        ast.BoolOp: "and/or",
        ast.IfExp: "if/else",
        ast.NamedExpr: "an assignment (:=)",
        ast.List: "a list",
        ast.Tuple: "a tuple",
        ast.Dict: "a dict",
        ast.Set: "a set",
        ast.JoinedStr: "an f-string",
        ast.Await: "await",
    }
    return names.get(type(node), type(node).__name__)


class _Evaluator:
    """Evaluates a tree that ``_check`` accepted; nothing else reaches it."""

    def __init__(self, data: DataIndex) -> None:
        self.data = data

    def visit(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return Interval.exact(float(node.value))
        if isinstance(node, ast.BinOp):
            left, right = self.visit(node.left), self.visit(node.right)
            if not (isinstance(left, Interval) and isinstance(right, Interval)):
                op = _OPERATORS[type(node.op)]
                raise ClaimError(
                    f"{op} needs numbers on both sides; use days(), years() ... for dates"
                )
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / right
        if isinstance(node, ast.UnaryOp):
            value = self.visit(node.operand)
            if not isinstance(value, Interval):
                raise ClaimError("a sign needs a number")
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.Subscript):
            name = node.value.id  # type: ignore[attr-defined]
            if isinstance(node.slice, ast.Tuple):
                key, column = (p.value for p in node.slice.elts)  # type: ignore[attr-defined]
                return self.data.field(name, key, column)
            return self.data.lookup(name, node.slice.value)  # type: ignore[attr-defined]
        if isinstance(node, ast.Call):
            return self.call(node)
        raise ClaimError(f"{_describe(node)} cannot be evaluated")  # unreachable after _check

    def call(self, node: ast.Call) -> Interval | DateSpan | Series:
        name = node.func.id  # type: ignore[attr-defined]
        if name == "series":
            resource, label = (a.value for a in node.args)  # type: ignore[attr-defined]
            filters = {k.arg: k.value.value for k in node.keywords}  # type: ignore[attr-defined]
            return self.data.series(resource, label, filters)
        if name == "old_style":
            row = node.args[0]
            name, key = row.value.id, row.slice.value  # type: ignore[attr-defined]
            return self.data.date(name, key, "old_style_date")
        function = FUNCTIONS[name][0]
        args = [self.visit(arg) for arg in node.args]
        if name in ELAPSED and all(
            isinstance(a, DateSpan) and a.last - a.first >= _YEAR_DAYS for a in args
        ):
            self.data.years_only = True
        return function(*args)
