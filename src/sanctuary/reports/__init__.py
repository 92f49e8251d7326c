"""Statutory reports built from the desk's records (the Illinois report to the Attorney General first)."""
