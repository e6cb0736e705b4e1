"""The strategy advisor: explained advice from the account's own numbers (no Textual)."""
