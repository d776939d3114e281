"""What the gap plug-ins (`schematool.diff.gaps`) are built from, kept out of their
folder so that it holds plug-ins only: the `Context` each sees (`context`), the
`Plugin` each declares and the registry that orders them (`plugin`), reading and
turning ACLs (`acl`), and what a plan's changes drop (`dropped`)."""
