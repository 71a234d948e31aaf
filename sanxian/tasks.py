"""三献 has no scheduled work of its own: figures are counted from the records when asked."""
