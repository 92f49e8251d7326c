"""The public transparency page: counts of requests from the desk's records, small counts protected."""
