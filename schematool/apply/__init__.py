"""Stage 5: running a plan against the target: one transaction or online phases, verified.

`run` is the entry (a plan made or a saved one checked, shown, allowed, run) and picks
`transaction` (the one-transaction apply) or `phased` (the online apply); both run on
`runner` (the apply lock, attempts, retries, the guarded transaction, history rows) and
check with `verify`; neither imports the other.
"""
