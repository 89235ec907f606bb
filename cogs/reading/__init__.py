"""Reading the work: /quote, /ask, /read, /character and the reading progress that bounds spoilers."""
