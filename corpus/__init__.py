"""Reading report files and cutting them into documents, sections and sentences."""
from corpus.errors import CorpusError
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import Document, ErrorRecord, RunCounts, Section, Sentence, SourceText

__all__ = ["CorpusError", "DEFAULT_LIMITS", "Limits", "Document", "ErrorRecord", "RunCounts", "Section",
           "Sentence", "SourceText"]
