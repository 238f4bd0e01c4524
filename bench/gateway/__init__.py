"""Gateway benchmark: our gateway against Apollo Gateway, same subgraphs, same load.

Run it with `python -m bench.gateway` (see `bench/gateway/__main__.py`); profile our
engine's CPU with `python -m bench.gateway.profile`.
"""
