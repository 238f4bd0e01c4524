"""Authentication at the edge: access tokens in, actor tokens out to each subgraph."""
