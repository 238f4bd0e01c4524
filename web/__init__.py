"""The web front end: the citizen portal, the staff workbench and the auditor console.

Server-rendered pages (Jinja) over the gateway's GraphQL API, signed in through the OpenID
provider with the authorization code flow and PKCE; see web/README.md.
"""
