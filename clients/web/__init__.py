"""The web-site chat channel: an HTTP + server-sent-events endpoint and an embeddable widget."""
