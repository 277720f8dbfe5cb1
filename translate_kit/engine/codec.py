"""A file's contribution as bytes for the cache, in a format that loads without running code.

Each field of `FileContribution` is written as plain data, what `marshal` writes type for
type (str, int, float, bool, None, bytes, tuple, list, dict, frozenset; anything else it
refuses): mentions, findings, suppressions and input errors as tuples of their fields,
taken from the dataclass so a new field is never left out; word stats as (count, uses); a
line index as its bytes. A field holding anything else (a rule's own scratch type, glossary
terms in term hits) falls back to pickle for that field alone, read back by an unpickler
that finds only translate_kit's value classes among the modules already loaded. The cache
checks each entry's signature before this module reads it: a second wall, not the only one.

The fields a run reads only to run its run rules (mentions, word uses, term hits, scratch:
`DEFERRED`) are written as one nested blob that `decode_stored` leaves undecoded: a warm
run whose run-rule findings come from the cache (run.py) never pays for them, and anything
that asks for the whole contribution decodes them then (`Stored.contribution`). A run's
findings and errors are written by `encode_run` in the same plain form.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import marshal
import pickle
import sys
from array import array
from operator import attrgetter, itemgetter
from typing import Any, Callable, Mapping

from translate_kit.engine.contribution import FileContribution, FormStats, SpellingUses, line_of
from translate_kit.messages import Message, Reading
from translate_kit.model import EntityType, Finding, InputError, LineIndex, Mention, MentionUse, Place, Related, Script, Severity
from translate_kit.suppress import Suppression

VERSION = 6  # 2: canonical-spelling uses as offsets bytes and surfaces; 3: the deferred fields in one nested blob; 4: text left out (None) when it is the file's bytes decoded; 5: a run's findings' lines; 6: word starts kept from the source


class NotPlain(TypeError):
    """A value its codec does not know: the field it is in is pickled instead."""


class _Codec:
    """Plain data to and from one kind of value; the base passes values through (marshal
    then refuses what is not plain)."""

    def encode(self, value: Any) -> Any:
        return value

    def decode(self, plain: Any) -> Any:
        return plain


class _Enum(_Codec):
    """An enum member as its value."""

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.cls = cls
        self.members = {m.value: m for m in cls}

    def encode(self, value: Any) -> Any:
        if type(value) is not self.cls:
            raise NotPlain(type(value).__name__)
        return value._value_  # the member's value without the property's cost

    def decode(self, plain: Any) -> Any:
        return self.members[plain]


class _Optional(_Codec):
    """None, or a value of `inner`."""

    def __init__(self, inner: _Codec) -> None:
        self.inner = inner

    def encode(self, value: Any) -> Any:
        return None if value is None else self.inner.encode(value)

    def decode(self, plain: Any) -> Any:
        return None if plain is None else self.inner.decode(plain)


class _Record(_Codec):
    """A dataclass as the tuple of all its fields in order; `nested` names the fields that
    hold other objects and their codecs."""

    def __init__(self, cls: type, **nested: _Codec) -> None:
        fields = dataclasses.fields(cls)
        if not all(f.init for f in fields):
            raise TypeError(f"{cls.__name__} has a field its constructor does not take")
        names = tuple(f.name for f in fields)
        unknown = set(nested) - set(names)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        self.cls = cls
        getter = attrgetter(*names)
        self.values: Callable[[Any], tuple] = getter if len(names) > 1 else (lambda obj: (getter(obj),))
        self.nested = tuple((i, nested[name]) for i, name in enumerate(names) if name in nested)

    def encode(self, value: Any) -> Any:
        if type(value) is not self.cls:
            raise NotPlain(type(value).__name__)
        values = self.values(value)
        if not self.nested:
            return values
        out = list(values)
        for i, codec in self.nested:
            out[i] = codec.encode(out[i])
        return tuple(out)

    def decode(self, plain: Any) -> Any:
        if self.nested:
            plain = list(plain)
            for i, codec in self.nested:
                plain[i] = codec.decode(plain[i])
        return self.cls(*plain)


class _Tuple(_Codec):
    """A tuple of values of one kind."""

    def __init__(self, item: _Codec) -> None:
        self.item = item

    def encode(self, value: Any) -> Any:
        if type(value) is not tuple:
            raise NotPlain(type(value).__name__)
        return tuple(map(self.item.encode, value))

    def decode(self, plain: Any) -> Any:
        return tuple(map(self.item.decode, plain))


class _Dict(_Codec):
    """A dict whose values are of one kind (keys plain)."""

    def __init__(self, item: _Codec) -> None:
        self.item = item

    def encode(self, value: Any) -> Any:
        if type(value) is not dict:
            raise NotPlain(type(value).__name__)
        encode = self.item.encode
        return {k: encode(v) for k, v in value.items()}

    def decode(self, plain: Any) -> Any:
        decode = self.item.decode
        return {k: decode(v) for k, v in plain.items()}


class _Lines(_Codec):
    """A line index as its line starts' bytes."""

    def encode(self, value: Any) -> Any:
        if type(value) is not LineIndex:
            raise NotPlain(type(value).__name__)
        return value.to_bytes()

    def decode(self, plain: Any) -> Any:
        return LineIndex.from_bytes(plain)


class _Spellings(_Codec):
    """A file's canonical-spelling uses of one word: its offsets' bytes and its surfaces."""

    def encode(self, value: Any) -> Any:
        if type(value) is not SpellingUses:
            raise NotPlain(type(value).__name__)
        return value.offsets.tobytes(), tuple(value.surfaces)

    def decode(self, plain: Any) -> Any:
        offsets = array("q")
        offsets.frombytes(plain[0])
        return SpellingUses(offsets, list(plain[1]))


class _Argument(_Codec):
    """A message argument: a str or int as it is, a Reading or Message tagged by a tuple."""

    def __init__(self) -> None:
        self.tagged: dict[str, tuple[type, _Codec]] = {}

    def encode(self, value: Any) -> Any:
        if type(value) in (str, int):
            return value
        for tag, (cls, codec) in self.tagged.items():
            if type(value) is cls:
                return (tag, codec.encode(value))
        raise NotPlain(type(value).__name__)

    def decode(self, plain: Any) -> Any:
        if type(plain) is tuple:
            return self.tagged[plain[0]][1].decode(plain[1])
        return plain


class _Arguments(_Codec):
    """A message's (name, argument) pairs."""

    def __init__(self, argument: _Argument) -> None:
        self.argument = argument

    def encode(self, value: Any) -> Any:
        if type(value) is not tuple:
            raise NotPlain(type(value).__name__)
        encode = self.argument.encode
        return tuple((name, encode(arg)) for name, arg in value)

    def decode(self, plain: Any) -> Any:
        decode = self.argument.decode
        return tuple((name, decode(arg)) for name, arg in plain)


_ARGUMENT = _Argument()
_MESSAGE = _Record(Message, args=_Arguments(_ARGUMENT))
_ARGUMENT.tagged.update({"r": (Reading, _Record(Reading)), "m": (Message, _MESSAGE)})
_TEMPLATE = _Optional(_MESSAGE)
_PLACE = _Record(Place)

# FileContribution's fields that hold objects; the others are written as they are
FIELD_CODECS: dict[str, _Codec] = {
    "lines": _Lines(),
    "mentions": _Tuple(_Record(MentionUse, mention=_Record(Mention, script=_Enum(Script), type=_Enum(EntityType)), place=_PLACE)),
    "words": _Dict(_Dict(_Record(FormStats))),
    "canonical": _Dict(_Spellings()),
    "findings": _Tuple(_Record(Finding, severity=_Enum(Severity), related=_Tuple(_Record(Related)), template=_TEMPLATE)),
    "suppressions": _Tuple(_Record(Suppression)),
    "errors": _Tuple(_Record(InputError, template=_TEMPLATE)),
}
_NAMES = tuple(f.name for f in dataclasses.fields(FileContribution))
_VALUES = attrgetter(*_NAMES)
_CODED = tuple((i, FIELD_CODECS[name]) for i, name in enumerate(_NAMES) if name in FIELD_CODECS)
_FIELD_CODEC = tuple(FIELD_CODECS.get(name) for name in _NAMES)
# the fields only run rules read: kept as bytes until something asks for the whole contribution
DEFERRED = frozenset({"mentions", "words", "canonical", "kept", "term_hits", "scratch"})
_DEFERRED = frozenset(i for i, name in enumerate(_NAMES) if name in DEFERRED)
_DEFERRED_ORDER = tuple(sorted(_DEFERRED))


def encode(contribution: FileContribution, without_text: bool = False) -> bytes | None:
    """The contribution as bytes (None when a field can be neither written plain nor pickled):
    (VERSION, values, pickled field numbers, deferred blob), where the deferred fields that
    are not empty are in the blob (marshal of {field number: value}) and None in `values`.
    `without_text` leaves the text out (None), for a caller that knows it is the file's
    bytes decoded, which the entry's key already covers: a reader gives it back from them."""
    values = list(_VALUES(contribution))
    if without_text:
        values[_TEXT] = None
    pickled: list[int] = []
    for i, codec in _CODED:
        value = values[i]
        if not value:
            continue  # empty (most files have no findings, suppressions or errors): written as it is
        try:
            values[i] = codec.encode(value)
        except NotPlain:
            pickled.append(i)
    try:
        return _dumped(values, pickled)  # one marshal pass: most contributions are plain data
    except ValueError:  # something marshal does not write: find its field
        pass
    for i, value in enumerate(values):
        if i not in pickled and _not_marshalled(value):
            pickled.append(i)
    try:
        for i in pickled:
            values[i] = pickle.dumps(getattr(contribution, _NAMES[i]), protocol=pickle.HIGHEST_PROTOCOL)
        return _dumped(values, pickled)
    except Exception:  # noqa: BLE001 - a value that cannot be stored is simply not cached
        return None


def _dumped(values: list[Any], pickled: list[int]) -> bytes:
    """(VERSION, values with the deferred ones None, pickled field numbers, blob of the
    deferred ones) marshalled; ValueError when a value is not plain."""
    deferred = {i: values[i] for i in _DEFERRED_ORDER if values[i]}
    head = list(values)
    for i in deferred:
        head[i] = None
    return marshal.dumps((VERSION, tuple(head), tuple(sorted(pickled)), marshal.dumps(deferred)))


def _not_marshalled(value: Any) -> bool:
    try:
        marshal.dumps(value)
    except ValueError:
        return True
    return False


class Stored:
    """A cached contribution decoded but for its deferred fields: what a run reports from
    (path, text, line index, counts, the document rules' findings, suppressions, errors).
    `contribution()` decodes the rest once, when something asks for it."""

    __slots__ = ("path", "_text", "lines", "segments", "untranslated", "findings", "suppressions", "errors",
                 "_values", "_pickled", "_blob", "_full", "_decode_text")

    def __init__(self, values: list, pickled: tuple[int, ...], blob: bytes, text: Callable[[], str] | None = None) -> None:
        (self.path, self._text, self.lines, self.segments, self.untranslated,
         self.findings, self.suppressions, self.errors) = _HEAD(values)
        self._values = values
        self._pickled = pickled
        self._blob = blob
        self._full: FileContribution | None = None
        self._decode_text = text  # the text, when the entry left it out: the file's bytes decoded

    @property
    def text(self) -> str:
        """The file's text as the run decoded it (decoded from its bytes on first use when
        the entry left it out: a warm run reports snippets of a few lines of a few files)."""
        if self._text is None:
            assert self._decode_text is not None
            self._text, self._decode_text = self._decode_text(), None
        return self._text

    def source_line(self, line: int) -> str | None:
        """The text of 1-based line `line`, as the run decoded it (for snippets)."""
        return line_of(self.text, self.lines, line)

    def contribution(self) -> FileContribution:
        """The whole contribution (its deferred fields decoded on the first call). The entry
        was signed for its key, which holds this code's fingerprint, and its head decoded:
        its blob is what this code's `encode` wrote."""
        if self._full is None:
            values = self._values
            values[_TEXT] = self.text
            for i, plain in marshal.loads(self._blob).items():
                values[i] = _field(i, plain, self._pickled)
            self._full = FileContribution(*values)
            self._values, self._blob = [], b""
        return self._full


_HEAD_FIELDS = ("path", "text", "lines", "segments", "untranslated", "findings", "suppressions", "errors")
_HEAD = itemgetter(*(_NAMES.index(name) for name in _HEAD_FIELDS))
_TEXT = _NAMES.index("text")
if set(_NAMES) != DEFERRED | set(_HEAD_FIELDS):  # a new field of FileContribution must be placed
    raise TypeError("FileContribution has a field codec.py neither decodes first nor defers")


def _field(i: int, plain: Any, pickled: tuple[int, ...]) -> Any:
    """Field number `i` from what `encode` wrote for it (not empty)."""
    if i in pickled:
        return _ValueUnpickler(io.BytesIO(plain)).load()
    codec = _FIELD_CODEC[i]
    return codec.decode(plain) if codec is not None else plain


def decode_stored(data: bytes, text: Callable[[], str] | None = None) -> Stored | None:
    """The contribution `encode` wrote, its deferred fields left as bytes; None for anything
    else (another version or layout, damaged data, a pickled field naming a class that is
    not a value of ours), and for an entry without its text when `text` (which gives the
    file's bytes decoded) is not given."""
    try:
        version, values, pickled, blob = marshal.loads(data)
        if version != VERSION or len(values) != len(_NAMES) or type(blob) is not bytes:
            return None
        if values[_TEXT] is None and text is None:
            return None
        out = list(values)
        for i, plain in enumerate(values):
            if plain and i not in _DEFERRED:  # a codec writes an empty value only for an empty one
                out[i] = _field(i, plain, pickled)
        return Stored(out, pickled, blob, text)
    except Exception:  # noqa: BLE001 - an entry that does not read back is a miss
        return None


def decode(data: bytes, text: Callable[[], str] | None = None) -> FileContribution | None:
    """The whole contribution `encode` wrote, or None for anything else."""
    stored = decode_stored(data, text)
    if stored is None:
        return None
    try:
        return stored.contribution()
    except Exception:  # noqa: BLE001 - an entry that does not read back is a miss
        return None
def encode_run(findings: tuple[Finding, ...], errors: tuple[InputError, ...], counts: tuple[int, ...],
               lines: Mapping[tuple[str, int], str]) -> bytes | None:
    """A run's findings, the input errors its files and rules gave, its counts and its
    findings' lines (for snippets), as bytes (None when a finding holds something not
    plain: the run is then not stored)."""
    try:
        return marshal.dumps(("run", VERSION, FIELD_CODECS["findings"].encode(findings), FIELD_CODECS["errors"].encode(errors), counts,
                              tuple((path, line, text) for (path, line), text in lines.items())))
    except (NotPlain, ValueError):
        return None


def decode_run(data: bytes) -> tuple[tuple[Finding, ...], tuple[InputError, ...], tuple[int, ...], dict[tuple[str, int], str]] | None:
    """What `encode_run` wrote, or None for anything else."""
    try:
        tag, version, findings, errors, counts, lines = marshal.loads(data)
        if tag != "run" or version != VERSION:
            return None
        return (FIELD_CODECS["findings"].decode(findings), FIELD_CODECS["errors"].decode(errors), tuple(counts),
                {(path, line): text for path, line, text in lines})
    except Exception:  # noqa: BLE001 - an entry that does not read back is a miss
        return None


# functions translate_kit's own __reduce__ methods name (model.py)
_REBUILDERS = frozenset({("translate_kit.model", "_mention"), ("translate_kit.model", "_line_index")})


class _ValueUnpickler(pickle.Unpickler):
    """Finds only translate_kit's value classes (frozen dataclasses without __post_init__,
    named tuples, enums) and its own rebuild functions, in modules already loaded: it never
    imports a module nor returns anything whose construction acts."""

    def find_class(self, module: str, name: str) -> Any:
        loaded = sys.modules.get(module)
        if loaded is not None and module.startswith("translate_kit.") and "." not in name:
            found = getattr(loaded, name, None)
            if (module, name) in _REBUILDERS or (isinstance(found, type) and found.__module__ == module and _is_value_class(found)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a translate_kit value class")


def _is_value_class(cls: type) -> bool:
    if issubclass(cls, enum.Enum):
        return True
    if issubclass(cls, tuple):
        return hasattr(cls, "_fields")
    params = getattr(cls, "__dataclass_params__", None)
    return params is not None and params.frozen and params.init and not hasattr(cls, "__post_init__")


__all__ = ["DEFERRED", "FIELD_CODECS", "NotPlain", "Stored", "VERSION", "decode", "decode_run", "decode_stored", "encode", "encode_run"]
