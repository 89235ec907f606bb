"""Community reactions: the rules for counting votes, the hall of fame and what readers love (no Discord, no SQL)."""
