"""``make bench-scale``: the seed inside corpora of 1x, 10x and 100x its size."""
