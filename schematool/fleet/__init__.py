"""Fleets: one schema planned for and applied to many databases (`--targets FILE`,
`--fleet NAME`).

`targets` reads the list of databases (a file, a fleet of pyproject.toml) and takes a
shard of it; `grouping` reads every target's catalog fingerprint (one query each,
computed on the server) and makes one plan per group of targets that share a
fingerprint, on top of the one-database planner; `rollout` applies the groups' plans
target by target, on top of the one-database apply.
"""
