"""Evidence: do sanctuary policies work? Open data recomputed beside the published studies (issue 12)."""
