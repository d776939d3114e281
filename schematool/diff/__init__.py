"""Stage 3: the changes that turn the target's schema into the desired one (migra and the
gap modules).
"""
