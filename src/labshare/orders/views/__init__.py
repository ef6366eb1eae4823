"""The testing service's pages: the client's (customer), the lab's (console, lab) and the public
report check (public). Views parse, call one service, and render; queries.py reads."""
