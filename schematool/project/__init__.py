"""Stage 1: the project: its settings, templates rendered to schema files, the local
server, cluster SQL.
"""
