"""The error hierarchy: every error names its cause (and the file, when there is one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import DocumentResult, Failure
    from .store.people import PersonMatch


class CommuniqueError(Exception):
    """Base of every error communique raises on purpose."""


class InputError(CommuniqueError):
    """A document or path that cannot be read: names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionFailed(CommuniqueError):
    """Raised by ``extract`` when inputs failed: ``failures`` holds every ``Failure`` (source,
    reason, stage) and ``results`` every ``DocumentResult`` of the inputs that succeeded."""

    SHOWN = 3  # failures named in the message

    def __init__(self, failures: Sequence[Failure], results: Sequence[DocumentResult]) -> None:
        self.failures = list(failures)
        self.results = list(results)
        named = "; ".join(f"{f.source}: {f.reason}" for f in self.failures[: self.SHOWN])
        more = f"; and {len(self.failures) - self.SHOWN} more" if len(self.failures) > self.SHOWN else ""
        noun = "input" if len(self.failures) == 1 else "inputs"
        super().__init__(f"{len(self.failures)} {noun} failed ({len(self.results)} documents extracted): "
                         f"{named}{more}")


class ModelMissing(CommuniqueError):
    """A model package (spaCy pipeline, embedding model) is not installed."""


class StoreError(CommuniqueError):
    """The store cannot be opened, migrated or written."""


class StoreMissing(StoreError):
    """A read-only command was pointed at a store that does not exist (no file, or no schema)."""


class NotFound(CommuniqueError):
    """What was asked for (a document, an event) is not in the store."""


class OptionsError(CommuniqueError):
    """A setting with a bad value: the message lists the valid ones."""


class KnowledgeBaseError(CommuniqueError):
    """A knowledge-base data file that cannot be read or fails validation."""

    def __init__(self, file: str, entry: str, reason: str) -> None:
        super().__init__(f"{file}: {entry}: {reason}")
        self.file = file
        self.entry = entry
        self.reason = reason


class ExportError(CommuniqueError):
    """An export file that cannot be written: names the path and the cause."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PloverRecordError(ExportError):
    """A PLOVER record the export will not write: names its document, the record and the field
    that breaks the format, and why."""

    def __init__(self, doc_id: str, record_id: str, field: str, reason: str) -> None:
        super().__init__(doc_id, f"PLOVER record {record_id}: {field}: {reason}")
        self.doc_id = doc_id
        self.record_id = record_id
        self.field = field


class AmbiguousPerson(CommuniqueError):
    """A name that several stored people match equally well ("Assad"): names the candidates."""

    def __init__(self, query: str, candidates: Sequence[PersonMatch]) -> None:
        names = ", ".join(c.name for c in candidates)
        super().__init__(f"{query!r} may name {len(candidates)} people: {names}; give one of these names")
        self.query = query
        self.candidates = tuple(candidates)
