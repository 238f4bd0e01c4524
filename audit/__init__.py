"""The tamper-evident access log: append, hash chain, signed checkpoints, verification, search."""
