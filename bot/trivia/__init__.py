"""Trivia about a work: questions generated from its text or curated, fair answer judging, game rules."""
