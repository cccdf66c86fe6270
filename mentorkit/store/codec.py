"""One codec for every dataclass the store reads or writes, derived from their type hints.

The model's dataclasses declare each field once, with its rules in ``typing.Annotated``
(:class:`~mentorkit.model.Between`, :class:`~mentorkit.model.MaxLength`,
:class:`~mentorkit.model.IdText`, :class:`~mentorkit.model.InFile`,
:class:`~mentorkit.model.Describe`), ``Literal`` choices and ``X | None`` for a value that
may be null.  :func:`decode` turns JSON data into those dataclasses and names every problem by
its field path in plain words (``goals[2].confidence: 9 is not between 1 and 7``);
:func:`encode` turns them back into JSON data.  Nothing here lists a field: a field added to
a dataclass is decoded, checked and encoded because it is in the class.

Why dataclasses walked by one generic codec rather than msgspec ``Struct``\\ s: the rest of the
code builds these classes by keyword and copies them with :func:`dataclasses.replace`, the
model stays standard library only (light on Binder), and the messages are ours, listing
every problem at once, where msgspec stops at the first and words it for programmers.

A per-class *plan* (its fields, their decoders and encoders) is derived from the type hints
the first time a class is used and kept by class: it is the type's schema, not a record of
any file.
"""

from __future__ import annotations

import dataclasses
import json
import math
import operator
import types
import typing
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from itertools import chain, islice
from typing import Any, Final, Literal, NamedTuple

from mentorkit.model import (
    EARLIEST_DATE,
    ID_PATTERN,
    LATEST_DATE,
    Between,
    Describe,
    IdText,
    InFile,
    MaxLength,
    NotBlank,
    Sizes,
)

#: How unknown fields are treated: ``"refuse"`` (a workbook: a typo must not be lost
#: silently) or ``"ignore"`` (a summary: only the fields the dashboard reads are checked).
Unknown = Literal["refuse", "ignore"]
Encoder = Callable[[Any], Any]
T = typing.TypeVar("T")

#: What a failed decode returns in place of a value (the problem is already recorded).
_BAD: Final = object()
_ID_WORDS: Final = "is not a valid id (1-64 letters, digits, '-' or '_')"


def printable(text: str) -> str:
    """``text`` with every control, format or broken (surrogate) character as an escape.

    For names taken from a file (an unknown field, a key) before they go into a message a
    terminal or a page prints: such a name can hold a lone surrogate (which cannot be
    printed at all) or terminal control codes.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def show(value: object) -> str:
    """A bad value as a message shows it: short, and with its type when that is the problem."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__} too large or too deeply nested to show"
    text = printable(text)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------------------
# Kinds of value, one per kind of type hint.  ``convert`` is the quick check a file this
# store wrote passes (it returns _BAD instead of explaining); ``explain`` words why a value
# failed it, with its field path.  A value is read with ``convert`` first and explained only
# when it failed, so valid files never pay for building field paths.
# --------------------------------------------------------------------------------------

Convert = Callable[[Any], Any]
Explain = Callable[[Any, str, list[str]], None]


# _Kind and _Field are named tuples, not dataclasses: creating a dataclass costs about half a
# millisecond at import, which every ``mentorkit validate`` would wait for.
class _Kind(NamedTuple):
    convert: Convert
    explain: Explain
    nullable: bool = False
    #: For a value that is kept as it is when valid: how a plan checks many such fields of
    #: one object at once ("text", "id", "choice", "int" or "bool") and this field's rule.
    batch: tuple[str, Any] | None = None
    #: A ``Describe`` names what the value must be: then null is worded like any bad value.
    described: bool = False
    #: For an object: converts a whole list of them at once (see :meth:`_Plan.convert_many`).
    convert_many: Convert | None = None
    #: For a list: converts a column of lists (that field of every object in a list) at once.
    convert_column: Convert | None = None
    #: For ``X | None``: the batch of ``X``, checked over the values that are not null.
    batch_if_present: tuple[str, Any] | None = None


def _words(words: Callable[[Any], str]) -> Explain:
    def explain(value: Any, where: str, problems: list[str]) -> None:
        problems.append(f"{where}: {words(value)}")

    return explain


def _text_kind(limit: int | None, what: str) -> _Kind:
    def convert(value: Any) -> Any:
        if type(value) is str and (limit is None or len(value) <= limit):
            return value
        return _BAD

    def words(value: Any) -> str:
        if type(value) is not str:
            return f"{show(value)} is not {what}"
        return f"{len(value):,} characters is longer than {limit:,}"

    return _Kind(convert, _words(words), batch=("text", limit) if limit else None)


def _id_kind(allow_empty: bool, what: str | None) -> _Kind:
    match = ID_PATTERN.fullmatch
    words = f"is not {what}" if what else _ID_WORDS

    def convert(value: Any) -> Any:
        if type(value) is str and (match(value) is not None or (allow_empty and value == "")):
            return value
        return _BAD

    batch = None if allow_empty else ("id", None)
    return _Kind(convert, _words(lambda value: f"{show(value)} {words}"), batch=batch)


def _between_words(rule: Between) -> str:
    if rule.high is None:
        return f"is not {rule.low} or more"
    if rule.low is None:
        return f"is not {rule.high} or less"
    return f"is not between {rule.low} and {rule.high}"


def _int_kind(rule: Between | None, what: str | None) -> _Kind:
    low = rule.low if rule else None
    high = rule.high if rule else None
    range_words = _between_words(rule) if rule else ""
    type_words = f"is not {what}" if what else "is not a whole number"

    def convert(value: Any) -> Any:
        if type(value) is int and (low is None or value >= low) and (high is None or value <= high):
            return value
        return _BAD

    def words(value: Any) -> str:
        if type(value) is not int or what:
            return f"{show(value)} {type_words}"
        return f"{show(value)} {range_words}"

    span = range(-(2**63) if low is None else low, 2**63 if high is None else high + 1)
    return _Kind(convert, _words(words), batch=("int", span))


def _number_kind(what: str) -> _Kind:
    def convert(value: Any) -> Any:
        if type(value) in (int, float) and math.isfinite(value):
            return value
        return _BAD

    return _Kind(convert, _words(lambda value: f"{show(value)} is not {what}"))


def _bool_kind(what: str) -> _Kind:
    def convert(value: Any) -> Any:
        return value if type(value) is bool else _BAD

    return _Kind(
        convert, _words(lambda value: f"{show(value)} is not {what}"), batch=("bool", None)
    )


def _choice_kind(choices: tuple[str, ...], what: str | None) -> _Kind:
    allowed = frozenset(choices)
    words = f"is not {what}" if what else f"is not one of {', '.join(choices)}"

    def convert(value: Any) -> Any:
        return value if type(value) is str and value in allowed else _BAD

    return _Kind(convert, _words(lambda value: f"{show(value)} {words}"), batch=("choice", allowed))


def _out_of_range() -> str:
    return f"is outside the dates a workbook can hold ({EARLIEST_DATE} to {LATEST_DATE})"


def _date_kind(moment: bool, what: str | None) -> _Kind:
    example = "a time like 2026-03-31T09:30:00+00:00" if moment else "a date like 2026-03-31"
    type_words = f"is not {what}" if what else f"is not {example}"
    parse: Callable[[str], Any] = datetime.fromisoformat if moment else date.fromisoformat

    first, last = f"{EARLIEST_DATE.year:04d}", f"{LATEST_DATE.year:04d}"

    def read(value: Any) -> Any:
        if type(value) is not str:
            return None
        try:
            return parse(value)
        except ValueError:
            return None

    # ISO text starts with the four-digit year: comparing it is the cheap range check.
    def convert(value: Any) -> Any:
        if type(value) is not str or not first <= value[:4] <= last:
            return _BAD
        try:
            parsed = parse(value)
        except ValueError:
            return _BAD
        if moment and parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed

    def words(value: Any) -> str:
        return f"{show(value)} {type_words if read(value) is None else _out_of_range()}"

    return _Kind(convert, _words(words), batch=("datetime" if moment else "date", None))


def _optional_kind(inner: _Kind) -> _Kind:
    inner_convert = inner.convert
    inner_explain = inner.explain

    def convert(value: Any) -> Any:
        return None if value is None else inner_convert(value)

    def explain(value: Any, where: str, problems: list[str]) -> None:
        if value is not None:
            inner_explain(value, where, problems)

    return _Kind(convert, explain, nullable=True, batch_if_present=inner.batch)


def _list_kind(item: _Kind, what: str | None) -> _Kind:
    words = f"is not {what}" if what else "is not a list"
    item_convert = item.convert
    if item.batch is not None and item.batch[0] in ("text", "choice"):
        plain = _plain_list_convert(item.batch)
        return _Kind(
            plain,
            _list_explain(item, words),
            convert_column=lambda column: _lists_of(column, plain),
        )
    many = item.convert_many
    if many is not None:

        def convert_objects(value: Any) -> Any:
            return many(value) if type(value) is list else _BAD

        def convert_column(column: Any) -> Any:
            if not {*map(type, column)} <= _LIST_ONLY:
                return _BAD
            built = many(list(chain.from_iterable(column)))
            if built is _BAD:
                return _BAD
            pieces = iter(built)
            return [list(islice(pieces, size)) for size in map(len, column)]

        return _Kind(convert_objects, _list_explain(item, words), convert_column=convert_column)

    def convert(value: Any) -> Any:
        if type(value) is not list:
            return _BAD
        out: list[Any] = []
        append = out.append
        for element in value:
            converted = item_convert(element)
            if converted is _BAD:
                return _BAD
            append(converted)
        return out

    return _Kind(convert, _list_explain(item, words))


def _lists_of(column: Any, plain: Convert) -> Any:
    """A column of lists of text (or choices) checked all at once, as one flat list."""
    if not {*map(type, column)} <= _LIST_ONLY:
        return _BAD
    if plain(list(chain.from_iterable(column))) is _BAD:
        return _BAD
    return list(map(list, column))


def _plain_list_convert(batch: tuple[str, Any]) -> Convert:
    """A list of text (or of choices) checked with C-level calls over its items."""
    kind, rule = batch

    def convert(value: Any) -> Any:
        if type(value) is not list or not {*map(type, value)} <= _STR_ONLY:
            return _BAD
        if not value:
            return []
        if kind == "text":
            return list(value) if max(map(len, value)) <= rule else _BAD
        return list(value) if all(map(rule.__contains__, value)) else _BAD

    return convert


def _list_explain(item: _Kind, words: str) -> Explain:
    def explain(value: Any, where: str, problems: list[str]) -> None:
        if type(value) is not list:
            problems.append(f"{where}: {show(value)} {words}")
            return
        for index, element in enumerate(value):
            if item.convert(element) is _BAD:
                item.explain(element, f"{where}[{index}]", problems)

    return explain


_STR_ONLY: Final = frozenset({str})
_LIST_ONLY: Final = frozenset({list})


def _dict_kind(item: _Kind, what: str | None) -> _Kind:
    words = f"is not {what}" if what else "is not an object"
    item_convert = item.convert

    def convert(value: Any) -> Any:
        if type(value) is not dict:
            return _BAD
        out = {}
        for key, element in value.items():
            converted = item_convert(element)
            if converted is _BAD:
                return _BAD
            out[key] = converted
        return out

    def explain(value: Any, where: str, problems: list[str]) -> None:
        if type(value) is not dict:
            problems.append(f"{where}: {show(value)} {words}")
            return
        for key, element in value.items():
            if item_convert(element) is _BAD:
                item.explain(element, f"{where}.{printable(str(key))}", problems)

    return _Kind(convert, explain)


def _refined_kind(
    inner: _Kind, accepts: Callable[[Any], bool], problem: Callable[[Any], str]
) -> _Kind:
    """``inner`` with one more rule on its converted value (read per value, never in columns).

    ``accepts`` tells whether a value ``inner`` took also keeps the rule; ``problem`` words
    what is wrong with one that does not.
    """
    inner_convert, inner_explain = inner.convert, inner.explain

    def convert(value: Any) -> Any:
        converted = inner_convert(value)
        return converted if converted is _BAD or accepts(converted) else _BAD

    def explain(value: Any, where: str, problems: list[str]) -> None:
        if inner_convert(value) is _BAD:
            inner_explain(value, where, problems)
        else:
            problems.append(f"{where}: {problem(value)}")

    return _Kind(convert, explain)


def _sized_kind(inner: _Kind, sizes: Sizes) -> _Kind:
    """A list kind that also checks the list's length."""
    return _refined_kind(
        inner,
        lambda items: len(items) in sizes.allowed,
        lambda items: f"{len(items)} item(s) given; it must be {sizes.what}",
    )


def _not_blank_kind(inner: _Kind) -> _Kind:
    """A text kind that refuses text of nothing but spaces."""
    return _refined_kind(
        inner, lambda text: bool(text.strip()), lambda _: "is empty but needs a few words"
    )


def _object_kind(cls: type, unknown: Unknown) -> _Kind:
    # The plan is looked up on first use: a class may refer to itself or to a later class.
    resolved: list[_Plan] = []

    def convert(value: Any) -> Any:
        if not resolved:
            resolved.append(_plan(cls, unknown))
        return resolved[0].convert(value)

    def convert_many(values: list[Any]) -> Any:
        if not resolved:
            resolved.append(_plan(cls, unknown))
        return resolved[0].convert_many(values)

    def explain(value: Any, where: str, problems: list[str]) -> None:
        _plan(cls, unknown).explain(value, where, problems)

    return _Kind(convert, explain, convert_many=convert_many)


def _kind_for(hint: Any, unknown: Unknown, cls: type) -> _Kind:
    """The kind of one type hint (``Annotated`` rules, ``Literal``, unions, containers)."""
    rules: list[object] = []
    if typing.get_origin(hint) is typing.Annotated:
        hint, *rules = typing.get_args(hint)
    what = next((rule.what for rule in rules if isinstance(rule, Describe)), None)
    kind = _bare_kind_for(hint, rules, what, unknown, cls)
    return kind._replace(described=True) if what else kind


def _bare_kind_for(
    hint: Any, rules: list[object], what: str | None, unknown: Unknown, cls: type
) -> _Kind:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        if rules:
            inner = typing.Annotated[(inner, *rules)]
        return _optional_kind(_kind_for(inner, unknown, cls))
    if origin is Literal:
        return _choice_kind(tuple(str(arg) for arg in args), what)
    if origin is list:
        listed = _list_kind(_kind_for(args[0], unknown, cls), what)
        sizes = next((rule for rule in rules if isinstance(rule, Sizes)), None)
        return listed if sizes is None else _sized_kind(listed, sizes)
    if origin is dict:
        return _dict_kind(_kind_for(args[1], unknown, cls), what)
    if hint is str:
        id_rule = next((rule for rule in rules if isinstance(rule, IdText)), None)
        if id_rule is not None:
            return _id_kind(id_rule.allow_empty, what)
        limit = next((rule.limit for rule in rules if isinstance(rule, MaxLength)), None)
        text = _text_kind(limit, what or "text")
        return _not_blank_kind(text) if any(isinstance(r, NotBlank) for r in rules) else text
    if hint is bool:
        return _bool_kind(what or "true or false")
    if hint is int:
        return _int_kind(next((r for r in rules if isinstance(r, Between)), None), what)
    if hint is float:
        return _number_kind(what or "a number")
    if hint is datetime:
        return _date_kind(True, what)
    if hint is date:
        return _date_kind(False, what)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _object_kind(hint, unknown)
    raise TypeError(f"{cls.__name__}: the store cannot read or write a field of type {hint!r}")


# --------------------------------------------------------------------------------------
# Encoders
# --------------------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _encoder_for(hint: Any) -> Encoder | None:
    """How a value of this type becomes JSON data (``None``: it already is)."""
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        encode_inner = _encoder_for(inner)
        if encode_inner is None or encode_inner is _iso:
            return encode_inner
        return lambda value: None if value is None else encode_inner(value)
    if origin is list:
        encode_item = _encoder_for(args[0])
        if encode_item is None:
            return list
        return lambda value: [encode_item(item) for item in value]
    if origin is dict:
        encode_value = _encoder_for(args[1])
        if encode_value is None:
            return dict
        return lambda value: {key: encode_value(item) for key, item in value.items()}
    if hint in (date, datetime):
        return _iso
    if dataclasses.is_dataclass(hint):
        return encode
    return None


# --------------------------------------------------------------------------------------
# Per-class plans
# --------------------------------------------------------------------------------------


class _Field(NamedTuple):
    name: str
    kind: _Kind
    encode: Encoder | None
    required: bool


#: The one type (exactly, not a subclass) of every value of each kind of batched field.
_EXACT_SETS: Final = {
    "text": frozenset({str}),
    "id": frozenset({str}),
    "int": frozenset({int}),
    "bool": frozenset({bool}),
    "choice": frozenset({str}),
    "date": frozenset({str}),
    "datetime": frozenset({str}),
}
#: ISO text of a date in range is at least the first year and below the year after the last.
_FIRST_YEAR: Final = f"{EARLIEST_DATE.year:04d}"
_AFTER_LAST_YEAR: Final = f"{LATEST_DATE.year + 1:04d}"
_TZINFO: Final = operator.attrgetter("tzinfo")
_DICT_ONLY: Final = frozenset({dict})
_BAD_ID: Final = id(_BAD)
_MATCH: Final = ID_PATTERN.fullmatch


def _getter(keys: list[Any]) -> Callable[[Any], tuple[Any, ...]] | None:
    """A function giving the values at ``keys`` as a tuple (``None``: no keys)."""
    if not keys:
        return None
    if len(keys) == 1:
        only = keys[0]
        return lambda data: (data[only],)
    return operator.itemgetter(*keys)


_NAIVE: Final = object()
#: Fewer objects than this are read one by one: setting up the columns costs more than it
#: saves for a profile, a workbook or a goal's three check-ins (a cohort of small workbooks
#: loads ~15% faster).
_COLUMNS_FROM: Final = 8


def _check_column(kind: str, rule: Any, values: Sequence[Any]) -> Any:
    """Check one column of batched values (a field of every object in a list, or the present
    values of an ``X | None`` field), with C-level calls (map, min, max, set operations).

    Returns:
        ``None`` when valid and kept as they are; the converted values (dates); _BAD; or
        _NAIVE for a time without a zone (then the per-field path reads it as UTC).
    """
    if not {*map(type, values)} <= _EXACT_SETS[kind]:
        return _BAD
    if kind == "text":
        return None if max(map(len, values)) <= rule else _BAD
    if kind == "id":
        return _BAD if None in map(_MATCH, values) else None
    if kind == "choice":
        return None if rule.issuperset(values) else _BAD
    if kind == "int":
        return None if min(values) >= rule.start and max(values) < rule.stop else _BAD
    if kind == "bool":
        return None
    if min(values) < _FIRST_YEAR or max(values) >= _AFTER_LAST_YEAR:
        return _BAD
    try:
        parsed = list(
            map(datetime.fromisoformat if kind == "datetime" else date.fromisoformat, values)
        )
    except ValueError:
        return _BAD
    if kind == "datetime" and None in map(_TZINFO, parsed):
        return _NAIVE
    return parsed


class _Plan:
    """How one dataclass is read and written, derived from its type hints."""

    def __init__(self, cls: type, specs: tuple[_Field, ...], unknown: Unknown):
        self.cls = cls
        self.fields = specs
        self.known = frozenset(spec.name for spec in specs)
        self.required = frozenset(spec.name for spec in specs if spec.required)
        self.refuse_unknown = unknown == "refuse"
        self.converts = tuple((spec.name, spec.kind.convert) for spec in specs)
        # Objects are read a list at a time, column by column: a file this store wrote holds
        # every field, so one C-level lookup per object takes all its values, and each rule
        # is then checked over a whole column with C-level calls (map, min, max, set
        # operations), not with one Python call per field and object.
        self.count = len(specs)
        self.all_get = _getter([spec.name for spec in specs])
        self.positional = all(
            item.init and not item.kw_only for item in dataclasses.fields(cls)
        ) and [item.name for item in dataclasses.fields(cls)] == [spec.name for spec in specs]

        #: (position, kind, rule) of each field checked as a whole column by _check_column.
        self.batched = tuple(
            (i, *spec.kind.batch) for i, spec in enumerate(specs) if spec.kind.batch is not None
        )
        self.others = tuple(
            (i, spec.kind.convert)
            for i, spec in enumerate(specs)
            if spec.kind.batch is None
            and spec.kind.convert_column is None
            and spec.kind.batch_if_present is None
        )
        self.optional_columns = tuple(
            (i, spec.kind.batch_if_present)
            for i, spec in enumerate(specs)
            if spec.kind.batch_if_present is not None
        )
        self.list_columns = tuple(
            (i, spec.kind.convert_column)
            for i, spec in enumerate(specs)
            if spec.kind.convert_column is not None
        )

        self.convert_many: Convert = self._make_convert_many()

    def convert(self, data: Any) -> Any:
        """The instance, or _BAD when anything is wrong (then :meth:`explain` says what)."""
        built = self.convert_many([data])
        return built if built is _BAD else built[0]

    def _make_convert_many(self) -> Convert:
        """:meth:`convert_many`, with everything it needs in local variables (it runs per list)."""
        (
            _convert_each_of,
            all_get,
            batched,
            cls,
            count,
            list_columns,
            optional_columns,
            others,
            positional,
        ) = (
            self._convert_each_of,
            self.all_get,
            self.batched,
            self.cls,
            self.count,
            self.list_columns,
            self.optional_columns,
            self.others,
            self.positional,
        )

        def convert_many(items: list[Any]) -> Any:
            """The instances of a list of objects, or _BAD when anything is wrong.

            Every check here is a shortcut for valid data: whatever fails one is read again
            field by field (:meth:`_convert_each`), which alone decides what is valid.
            """
            if not items:
                return []
            if (
                len(items) < _COLUMNS_FROM
                or all_get is None
                or not positional
                or not {*map(type, items)} <= _DICT_ONLY
            ):
                return _convert_each_of(items)
            try:
                rows = list(map(all_get, items))
            except KeyError:  # a field missing
                return _convert_each_of(items)
            if sum(map(len, items)) != count * len(items):  # an unknown field
                return _convert_each_of(items)
            columns: list[Any] = list(zip(*rows, strict=True))
            for i, kind, rule in batched:
                checked = _check_column(kind, rule, columns[i])
                if checked is _BAD or checked is _NAIVE:  # _NAIVE: a time read as UTC
                    return _convert_each_of(items)
                if checked is not None:
                    columns[i] = checked
            for i, convert in others:
                converted = list(map(convert, columns[i]))
                if _BAD_ID in map(id, converted):
                    return _convert_each_of(items)
                columns[i] = converted
            for i, (kind, rule) in optional_columns:
                column = columns[i]
                present = [value for value in column if value is not None]
                if not present:
                    continue
                checked = _check_column(kind, rule, present)
                if checked is _BAD or checked is _NAIVE:  # _NAIVE: a time read as UTC
                    return _convert_each_of(items)
                if checked is not None:
                    parsed = iter(checked)
                    columns[i] = [None if value is None else next(parsed) for value in column]
            for i, convert_column in list_columns:
                converted = convert_column(columns[i])
                if converted is _BAD:
                    return _convert_each_of(items)
                columns[i] = converted
            return list(map(cls, *columns))

        return convert_many

    def _convert_each_of(self, items: list[Any]) -> Any:
        built = list(map(self._convert_each, items))
        return _BAD if _BAD_ID in map(id, built) else built

    def _convert_each(self, data: Any) -> Any:
        """:meth:`convert` for an object with fields missing (or unknown ones)."""
        if type(data) is not dict:
            return _BAD
        keys = data.keys()
        if (self.refuse_unknown and not self.known.issuperset(keys)) or not self.required <= keys:
            return _BAD
        kwargs = {}
        for name, convert in self.converts:
            if name in data:
                value = convert(data[name])
                if value is _BAD:
                    return _BAD
                kwargs[name] = value
        return self.cls(**kwargs)

    def explain(self, data: Any, where: str, problems: list[str]) -> None:
        """Record every problem of ``data`` with its field path."""
        if type(data) is not dict:
            problems.append(f"{where or 'workbook'}: {show(data)} is not an object")
            return
        prefix = f"{where}." if where else ""
        for spec in self.fields:
            if spec.name in data:
                value = data[spec.name]
                if value is None and not spec.kind.nullable and not spec.kind.described:
                    problems.append(f"{prefix}{spec.name}: is empty but must have a value")
                elif spec.kind.convert(value) is _BAD:
                    spec.kind.explain(value, prefix + spec.name, problems)
            elif spec.required:
                problems.append(f"{prefix}{spec.name}: is missing")
        if self.refuse_unknown and not self.known.issuperset(data):
            names = ", ".join(sorted(printable(str(key)) for key in data.keys() - self.known))
            problems.append(f"{where or 'workbook'}: unknown field(s) {names}")

    def encode(self, obj: Any) -> dict[str, Any]:
        out = {}
        for spec in self.fields:
            value = getattr(obj, spec.name)
            out[spec.name] = value if spec.encode is None else spec.encode(value)
        return out


#: Each class's plan, made on first use: derived from the class alone (its schema), never
#: from any file, so keeping it is safe.
_PLANS: Final[dict[tuple[type, Unknown], _Plan]] = {}


def _plan(cls: type, unknown: Unknown = "refuse") -> _Plan:
    plan = _PLANS.get((cls, unknown))
    if plan is None:
        plan = _PLANS[cls, unknown] = _make_plan(cls, unknown)
    return plan


def _make_plan(cls: type, unknown: Unknown) -> _Plan:
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for item in dataclasses.fields(cls):
        hint = hints[item.name]
        rules = typing.get_args(hint)[1:] if typing.get_origin(hint) is typing.Annotated else ()
        has_default = (
            item.default is not dataclasses.MISSING
            or item.default_factory is not dataclasses.MISSING
        )
        specs.append(
            _Field(
                name=item.name,
                kind=_kind_for(hint, unknown, cls),
                encode=_encoder_for(hint),
                required=not has_default or any(isinstance(rule, InFile) for rule in rules),
            )
        )
    return _Plan(cls, tuple(specs), unknown)


def decode(
    cls: type[T], data: Any, problems: list[str], *, unknown: Unknown = "refuse"
) -> T | None:
    """Build ``cls`` from JSON data, appending each problem (``field.path: words``).

    Returns:
        The instance, or ``None`` when any problem was found (all of them are in ``problems``).
    """
    plan = _plan(cls, unknown)
    built = plan.convert(data)
    if built is _BAD:
        count_before = len(problems)
        plan.explain(data, "", problems)
        if len(problems) == count_before:  # pragma: no cover - convert and explain disagree
            problems.append(f"{cls.__name__}: cannot be read")
        return None
    return typing.cast(T, built)


def encode(obj: Any) -> dict[str, Any]:
    """A dataclass instance as JSON-ready data (dates and times as ISO text).

    Uses the instance's own class, so a subclass's extra fields are written too.
    """
    return _plan(type(obj)).encode(obj)
