"""Web settings: where the provider and the gateway are, and how the pages keep sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from authz.system_tokens import SystemCredentials

DEMO_CLIENT_ID = "tongban-web"


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    """The web front end's deployment: its public origin, provider, gateway and secrets."""

    # The provider's public issuer URL: browsers are sent there to sign in.
    issuer: str
    # Where the server reaches the provider's endpoints and the gateway (in process or not).
    backend_base: str
    gateway_path: str = "/graphql"
    client_id: str = DEMO_CLIENT_ID
    secret_file: Path
    # The web's own system client, reading public records for visitors (None: sign in first).
    visitor_client_id: str = "web-system"
    visitor_key: Path | None = None
    session_ttl: int = 8 * 3600
    login_ttl: int = 600
    max_form_bytes: int = 32_768

    @property
    def origin(self) -> str:
        """The pages' own origin: the issuer's scheme, host and port."""
        parts = urlsplit(self.issuer)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def redirect_uri(self) -> str:
        """The registered redirect URI of the web client."""
        return f"{self.origin}/callback"

    @property
    def post_logout_redirect_uri(self) -> str:
        """Where the provider returns the browser after signing out."""
        return f"{self.origin}/"

    @property
    def issuer_path(self) -> str:
        """The provider's path below the backend base (e.g. `/identity`)."""
        return urlsplit(self.issuer).path.rstrip("/")

    def backend(self, path: str) -> str:
        """The server-side URL of a path of the platform (gateway or provider)."""
        return self.backend_base.rstrip("/") + path

    @property
    def visitor_credentials(self) -> SystemCredentials | None:
        """The web's own system client, when it has a key."""
        if self.visitor_key is None:
            return None
        return SystemCredentials(
            client_id=self.visitor_client_id,
            key_path=self.visitor_key,
            token_url=self.backend(self.issuer_path + "/token"),
            audience_url=self.issuer.rstrip("/") + "/token",
        )

    @property
    def secure_cookies(self) -> bool:
        """Cookies are `Secure` over https, and on loopback where browsers allow it too."""
        parts = urlsplit(self.issuer)
        return parts.scheme == "https" or parts.hostname in {"127.0.0.1", "localhost", "::1"}
