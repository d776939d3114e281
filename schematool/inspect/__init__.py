"""Reading a database: catalog snapshots and their differences, the dependency graph,
comparable snapshots.
"""
