"""Stage 1: the project: its settings, templates rendered to schema files, the schema
files read as text, the local server, cluster SQL.
"""
