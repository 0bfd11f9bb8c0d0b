"""The mobile-app channel: a client for the app's backend."""
