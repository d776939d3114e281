"""Stage 2: the desired database: schema files loaded into a throwaway or kept database.
"""
