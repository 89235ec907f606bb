"""Characters of a work: who they are, where they appear, what they say and to whom (pure rules)."""
