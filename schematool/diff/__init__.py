"""Stage 3: the changes that turn the target's schema into the desired one.

`adapter` is the one module that knows migra (and schemainspect, SQLAlchemy): migra's
statements, as text. `stage` reads them into changes and runs the rest: the gap
plug-ins (`gaps/`, built from `gapkit/`) fill what migra misses, `dependents` drops and
recreates what a drop or a type change takes along, `ordering` sorts by dependencies.
`renames`, `conversions` and `replaced_types` act on what the schema files annotate.
"""
