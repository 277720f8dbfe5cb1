"""The engine: what each file contributes (`contribute`), the corpus of a run (`Corpus`),
and the file loop that fills it (`build_corpus`)."""

from translate_kit.engine.builder import contribute
from translate_kit.engine.contribution import DocumentScope, FileContribution, Resources
from translate_kit.engine.corpus import Corpus, RunView

__all__ = ["Corpus", "DocumentScope", "FileContribution", "Resources", "RunView", "contribute"]
