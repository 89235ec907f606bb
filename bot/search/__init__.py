"""Quote search: word normalisation, query validation, candidate ranking and rescoring."""
