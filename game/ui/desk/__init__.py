"""The planning desk: its controller state and the views around the map."""
