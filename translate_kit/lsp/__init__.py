"""The language server (`translate-kit lsp`): findings as diagnostics, fixes as code
actions, names on hover. A thin edge over the engine: it keeps a workspace `Corpus`,
replaces one document's contribution per edit and runs `check_corpus` again."""
