"""Data for documents: each report's plain, frozen data object, built by one service from the database.

Builders (``tracker/reports/``) take these objects and return bytes; they never query. The same object
is a SEF version's JSON snapshot, so a figure is formatted once, by the functions the pages use.
"""
