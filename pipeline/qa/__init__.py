"""QA review of extraction output: diffs (diff.py), the HTML review page (review.py) and
reviewer corrections (corrections.py). Sources are read by sources.py."""
