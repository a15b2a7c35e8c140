"""The error hierarchy: every error names its cause (and the file, when there is one)."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error communique raises on purpose."""


class InputError(CommuniqueError):
    """A document or path that cannot be read: names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


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
