"""Authorization: actor tokens, signing keys, the casbin model, policy loading and decisions."""
