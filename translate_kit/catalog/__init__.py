"""Documents ⇄ gettext catalogs: `export` (extract, build, merge), `compile`, `import`.

One module per step: `extract` reads a document into `units.Unit`s (`text_units`,
`markdown_units`, `front_matter`), `build` makes catalog entries with `notes` from a
glossary, `merge` updates an existing catalog as msgmerge does, `files` reads and writes
PO files, `headers` asks Babel for locale headers, `compile` writes MO files and
`inject` puts translations back into the document.
"""
