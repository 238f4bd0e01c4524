"""The federated gateway: supergraph, planner, executor and the HTTP edge."""
