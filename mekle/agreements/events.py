"""The event kinds the `agreements` app records."""
