"""Asking the story: questions answered by retrieving the passages that answer them."""
