"""The agency subgraphs and the synthetic population they share."""
