"""Scenes: one module per screen the player moves between."""
