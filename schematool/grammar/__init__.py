"""Reading SQL with PostgreSQL's own grammar: statements into typed changes, lexing.

`tree` (pglast's parse trees: one `parse()`, node helpers), `reader` and `alter` (a
statement as a `change.Change`), `definitions` (what the catalog and annotations spell),
`schema_files` (schema files read whole), `annotated` (annotation comments and the
definitions they stand beside), `rewrites` (statements rewritten for the online apply),
`lexer` (tokens and statement splitting), `faithful` (deparsed text that parses back to
the same tree), `change` (the Change).
"""
