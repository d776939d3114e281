"""Reading SQL with PostgreSQL's own grammar: statements into typed changes, lexing.

`tree` (pglast's parse trees: one `parse()`, node helpers), `reader` and `alter` (a
statement as a `change.Change`), `definitions` (what the catalog and annotations spell),
`files` (schema files read whole), `remarks` (annotation comments and their sites),
`rewrites` (statements rewritten for the online apply), `lexer` (tokens and statement
splitting), `faithful` (deparsed text that parses back to the same tree), `change`.
"""
