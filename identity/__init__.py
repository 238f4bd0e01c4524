"""OpenID Connect provider for the embedded deployment: accounts, clients, tokens."""
