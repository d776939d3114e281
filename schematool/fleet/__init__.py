"""Fleets: one schema planned for many databases (`plan --targets FILE`).

`targets` reads the list of databases; `grouping` reads every target's catalog
fingerprint (one query each, computed on the server) and makes one plan per group of
targets that share a fingerprint, on top of the one-database planner. Applying a fleet
(rollout, canaries, parallelism) is not built yet.
"""
