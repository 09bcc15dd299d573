"""Evaluations of extraction against hand-labelled pages; each module reports, none decides a run."""
