"""Stage 5: running a plan against the target: one transaction or online phases, verified.
"""
