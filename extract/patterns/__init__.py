"""Every regex of the extractors, in one place: one module per kind of value.

Each pattern is registered with ``corpus.rules.rule`` (name, doc line, examples it must match,
hard negatives it must not); ``tests/test_rules.py`` runs every rule against its own table.
"""
