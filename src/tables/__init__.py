"""Numbers of two articles on Russia and Japan, 1898-1919."""
