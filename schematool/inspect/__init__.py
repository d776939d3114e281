"""Reading a database: catalog snapshots, the dependency graph, comparable snapshots.
"""
