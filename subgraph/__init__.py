"""The kit every tongban subgraph is built from."""
