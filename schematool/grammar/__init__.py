"""Reading SQL with PostgreSQL's own grammar: statements into typed changes, lexing.
"""
