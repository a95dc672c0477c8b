"""The closing app's choices."""
