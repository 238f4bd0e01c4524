"""Executes query plans against subgraphs and shapes the client's response."""
