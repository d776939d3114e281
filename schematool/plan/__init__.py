"""Stage 4: the Plan: changes with hazards, sizes and online phases.
"""
