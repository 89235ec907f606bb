"""Small charts as PNG images (matplotlib's Agg renderer, no display): call them in a worker thread."""
